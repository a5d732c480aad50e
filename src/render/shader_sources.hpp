#pragma once
namespace safetymap::render {
struct ShaderSource {
  const char* name;
  const char* text;
};
extern const ShaderSource kShaderSources[];
extern const int kShaderSourceCount;
}  // namespace safetymap::render
