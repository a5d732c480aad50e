#include "render/texture.hpp"

namespace safetymap::render {

namespace {
// Made on first use, bound, filtered as asked and clamped at its edges.
void prepare(GLuint& id, GLint minFilter, GLint magFilter) {
  if (!id) glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, minFilter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, magFilter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}
}  // namespace

Texture::~Texture() {
  release();
}

void Texture::upload(int w, int h, const std::vector<std::uint8_t>& rgba, bool nearest, bool nearestMin) {
  prepare(id_, nearestMin ? GL_NEAREST : GL_LINEAR, nearest ? GL_NEAREST : GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  w_ = w, h_ = h;
}

void Texture::uploadCoverage(int w, int h, const std::uint8_t* coverage) {
  prepare(id_, GL_LINEAR, GL_LINEAR);
  const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};  // a quarter of the memory of RGBA
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, coverage);
  w_ = w, h_ = h;
}

void Texture::updateCoverageRows(int y, int rows, const std::uint8_t* coverage) {
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y, w_, rows, GL_RED, GL_UNSIGNED_BYTE, coverage);
}

void Texture::release() {
  if (id_) glDeleteTextures(1, &id_);
  id_ = 0, w_ = h_ = 0;
}

void Texture::allocate(int w, int h) {
  prepare(id_, GL_LINEAR, GL_LINEAR);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  w_ = w, h_ = h;
}

}  // namespace safetymap::render
