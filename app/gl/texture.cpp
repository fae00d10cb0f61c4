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
  upload(Format::R32F, width, height, values.size_bytes(), sizeof(float), values.data(), "uploadR32F");
}

void Texture::uploadRgba8(int width, int height, std::span<const std::uint8_t> rgba) {
  upload(Format::Rgba8, width, height, rgba.size_bytes(), 4, rgba.data(), "uploadRgba8");
}

void Texture::upload(Format format, int width, int height, std::size_t bytes, std::size_t bytesPerTexel,
                     const void* data, const char* caller) {
  if (width <= 0 || height <= 0 ||
      bytes != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * bytesPerTexel) {
    throw std::invalid_argument(std::string("Texture::") + caller + ": " + std::to_string(bytes) + " bytes for a " +
                                std::to_string(width) + "x" + std::to_string(height) + " texture of " +
                                std::to_string(bytesPerTexel) + "-byte texels");
  }
  const bool isFloat = format == Format::R32F;
  const GLenum pixelFormat = isFloat ? GL_RED : GL_RGBA;
  const GLenum type = isFloat ? GL_FLOAT : GL_UNSIGNED_BYTE;
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (format_ != format || width != width_ || height != height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, isFloat ? GL_R32F : GL_RGBA8, width, height, 0, pixelFormat, type, data);
    width_ = width;
    height_ = height;
    format_ = format;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, pixelFormat, type, data);
  }
}

void Texture::allocateRgba8(int width, int height) {
  allocate(Format::Rgba8, width, height, "allocateRgba8");
}

void Texture::allocateRgba32F(int width, int height) {
  allocate(Format::Rgba32F, width, height, "allocateRgba32F");
}

void Texture::allocate(Format format, int width, int height, const char* caller) {
  if (width <= 0 || height <= 0)
    throw std::invalid_argument(std::string("Texture::") + caller + ": size " + std::to_string(width) + "x" +
                                std::to_string(height));
  if (format_ == format && width == width_ && height == height_) return;
  glBindTexture(GL_TEXTURE_2D, id_);
  const bool isFloat = format == Format::Rgba32F;
  glTexImage2D(GL_TEXTURE_2D, 0, isFloat ? GL_RGBA32F : GL_RGBA8, width, height, 0, GL_RGBA,
               isFloat ? GL_FLOAT : GL_UNSIGNED_BYTE, nullptr);
  width_ = width;
  height_ = height;
  format_ = format;
}

void Texture::bind(int unit) const {
  glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
  glBindTexture(GL_TEXTURE_2D, id_);
}

}  // namespace ganscope
