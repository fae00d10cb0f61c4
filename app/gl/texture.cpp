#include "app/gl/texture.h"

#include <GL/glcorearb.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace ganscope {

namespace {

// Linear filtering, no mipmaps, clamped edges: the settings every texture of ours uses.
void setSampling() {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
}

}  // namespace

Texture::Texture() {
  glGenTextures(1, &id_);
  glBindTexture(GL_TEXTURE_2D, id_);
  setSampling();
}

Texture::~Texture() {
  if (id_ != 0) glDeleteTextures(1, &id_);
}

Texture::Texture(Texture&& other) noexcept
    : id_(std::exchange(other.id_, 0)),
      width_(std::exchange(other.width_, 0)),
      height_(std::exchange(other.height_, 0)),
      format_(std::exchange(other.format_, Format::None)) {}

Texture& Texture::operator=(Texture&& other) noexcept {
  if (this != &other) {
    if (id_ != 0) glDeleteTextures(1, &id_);
    id_ = std::exchange(other.id_, 0);
    width_ = std::exchange(other.width_, 0);
    height_ = std::exchange(other.height_, 0);
    format_ = std::exchange(other.format_, Format::None);
  }
  return *this;
}

void Texture::uploadR32F(int width, int height, std::span<const float> values) {
  if (width <= 0 || height <= 0 ||
      values.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
    throw std::invalid_argument("Texture::uploadR32F: " + std::to_string(values.size()) + " values for a " +
                                std::to_string(width) + "x" + std::to_string(height) + " texture");
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (format_ != Format::R32F || width != width_ || height != height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, width, height, 0, GL_RED, GL_FLOAT, values.data());
    width_ = width;
    height_ = height;
    format_ = Format::R32F;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RED, GL_FLOAT, values.data());
  }
}

void Texture::uploadRgba8(int width, int height, std::span<const std::uint8_t> rgba) {
  if (width <= 0 || height <= 0 ||
      rgba.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
    throw std::invalid_argument("Texture::uploadRgba8: " + std::to_string(rgba.size()) + " bytes for a " +
                                std::to_string(width) + "x" + std::to_string(height) + " RGBA texture");
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (format_ != Format::Rgba8 || width != width_ || height != height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    width_ = width;
    height_ = height;
    format_ = Format::Rgba8;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  }
}

void Texture::allocateRgba8(int width, int height) {
  if (width <= 0 || height <= 0)
    throw std::invalid_argument("Texture::allocateRgba8: size " + std::to_string(width) + "x" +
                                std::to_string(height));
  if (format_ == Format::Rgba8 && width == width_ && height == height_) return;
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  width_ = width;
  height_ = height;
  format_ = Format::Rgba8;
}

void Texture::bind(int unit) const {
  glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
  glBindTexture(GL_TEXTURE_2D, id_);
}

}  // namespace ganscope
