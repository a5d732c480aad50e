#pragma once
// A linked GLSL program built from shaders/ (embedded at build time).
#include <epoxy/gl.h>

#include <string>

namespace safetymap::render {

class GlProgram {
 public:
  GlProgram() = default;
  // Throws std::runtime_error with the compiler's log when a shader does not compile or link.
  GlProgram(const std::string& vertexName, const std::string& fragmentName);
  ~GlProgram();
  GlProgram(const GlProgram&) = delete;
  GlProgram& operator=(const GlProgram&) = delete;
  GlProgram(GlProgram&& o) noexcept : id_(o.id_) { o.id_ = 0; }
  GlProgram& operator=(GlProgram&& o) noexcept;

  void use() const { glUseProgram(id_); }
  GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }
  GLuint id() const { return id_; }

 private:
  GLuint id_ = 0;
};

const char* shaderSource(const std::string& name);  // nullptr when not embedded

}  // namespace safetymap::render
