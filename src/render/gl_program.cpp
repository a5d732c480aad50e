#include "render/gl_program.hpp"

#include <stdexcept>

#include "render/shader_sources.hpp"

namespace safetymap::render {

const char* shaderSource(const std::string& name) {
  for (int i = 0; i < kShaderSourceCount; ++i)
    if (name == kShaderSources[i].name) return kShaderSources[i].text;
  return nullptr;
}

static GLuint compile(GLenum type, const std::string& name) {
  const char* src = shaderSource(name);
  if (!src) throw std::runtime_error("shader not embedded: " + name);
  GLuint s = glCreateShader(type);
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    glDeleteShader(s);
    throw std::runtime_error("shaders/" + name + " does not compile: " + log);
  }
  return s;
}

GlProgram::GlProgram(const std::string& vs, const std::string& fs) {
  GLuint v = compile(GL_VERTEX_SHADER, vs);
  GLuint f = compile(GL_FRAGMENT_SHADER, fs);
  id_ = glCreateProgram();
  glAttachShader(id_, v);
  glAttachShader(id_, f);
  glLinkProgram(id_);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(id_, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetProgramInfoLog(id_, sizeof log, nullptr, log);
    throw std::runtime_error("shaders " + vs + " + " + fs + " do not link: " + log);
  }
}

GlProgram::~GlProgram() {
  if (id_) glDeleteProgram(id_);
}

GlProgram& GlProgram::operator=(GlProgram&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteProgram(id_);
    id_ = o.id_;
    o.id_ = 0;
  }
  return *this;
}

}  // namespace safetymap::render
