#include "app/gl/framebuffer.h"

#include <GL/glcorearb.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

namespace ganscope {

namespace {

void checkComplete(GLuint fbo, const char* which) {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  if (status == GL_FRAMEBUFFER_COMPLETE) return;
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%04X", status);
  throw std::runtime_error(std::string("Framebuffer: the ") + which + " framebuffer is incomplete (status " +
                           hex + ")");
}

}  // namespace

Framebuffer::Framebuffer(int samples, Format format) : format_(format) {
  GLint maxSamples = 1;
  glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
  samples_ = format == Format::Rgba32F ? 1 : std::clamp(samples, 1, std::max(1, static_cast<int>(maxSamples)));
  glGenFramebuffers(1, &resolveFbo_);
  if (samples_ > 1) {
    glGenFramebuffers(1, &drawFbo_);
    glGenRenderbuffers(1, &renderbuffer_);
  }
}

Framebuffer::~Framebuffer() {
  release();
}

void Framebuffer::release() {
  if (renderbuffer_ != 0) glDeleteRenderbuffers(1, &renderbuffer_);
  if (drawFbo_ != 0) glDeleteFramebuffers(1, &drawFbo_);
  if (resolveFbo_ != 0) glDeleteFramebuffers(1, &resolveFbo_);
  renderbuffer_ = drawFbo_ = resolveFbo_ = 0;
}

Framebuffer::Framebuffer(Framebuffer&& other) noexcept
    : color_(std::move(other.color_)),
      resolveFbo_(std::exchange(other.resolveFbo_, 0)),
      drawFbo_(std::exchange(other.drawFbo_, 0)),
      renderbuffer_(std::exchange(other.renderbuffer_, 0)),
      width_(std::exchange(other.width_, 0)),
      height_(std::exchange(other.height_, 0)),
      samples_(std::exchange(other.samples_, 1)),
      format_(other.format_) {}

Framebuffer& Framebuffer::operator=(Framebuffer&& other) noexcept {
  if (this != &other) {
    release();
    color_ = std::move(other.color_);
    resolveFbo_ = std::exchange(other.resolveFbo_, 0);
    drawFbo_ = std::exchange(other.drawFbo_, 0);
    renderbuffer_ = std::exchange(other.renderbuffer_, 0);
    width_ = std::exchange(other.width_, 0);
    height_ = std::exchange(other.height_, 0);
    samples_ = std::exchange(other.samples_, 1);
    format_ = other.format_;
  }
  return *this;
}

void Framebuffer::resize(int width, int height) {
  if (width <= 0 || height <= 0)
    throw std::invalid_argument("Framebuffer::resize: size " + std::to_string(width) + "x" +
                                std::to_string(height));
  if (width == width_ && height == height_) return;
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  if (format_ == Format::Rgba32F)
    color_.allocateRgba32F(width, height);
  else
    color_.allocateRgba8(width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.id(), 0);
  checkComplete(resolveFbo_, "resolve");
  if (drawFbo_ != 0) {
    glBindRenderbuffer(GL_RENDERBUFFER, renderbuffer_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, drawFbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, renderbuffer_);
    checkComplete(drawFbo_, "multisampled");
  }
  width_ = width;
  height_ = height;
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
}

void Framebuffer::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, drawFbo_ != 0 ? drawFbo_ : resolveFbo_);
  glViewport(0, 0, width_, height_);
}

void Framebuffer::resolve() const {
  if (drawFbo_ == 0) return;
  glBindFramebuffer(GL_READ_FRAMEBUFFER, drawFbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void Framebuffer::uploadColor(std::span<const std::uint8_t> rgba) {
  if (samples_ != 1 || format_ != Format::Rgba8)
    throw std::logic_error("Framebuffer::uploadColor: only a single-sampled RGBA8 framebuffer takes pixels");
  color_.uploadRgba8(width_, height_, rgba);
}

void Framebuffer::blitTo(unsigned target) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void Framebuffer::blitRegionToDrawn(int x0, int y0, int x1, int y1, int targetX, int targetY) const {
  GLint previousRead = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
  glDisable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_);
  glBlitFramebuffer(x0, y0, x1, y1, targetX, targetY, targetX + (x1 - x0), targetY + (y1 - y0), GL_COLOR_BUFFER_BIT,
                    GL_NEAREST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  if (scissor) glEnable(GL_SCISSOR_TEST);
}

void Framebuffer::readResolved(unsigned type, int alignment, void* rgba) const {
  GLint previous = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previous);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_);
  glPixelStorei(GL_PACK_ALIGNMENT, alignment);
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  glReadPixels(0, 0, width_, height_, GL_RGBA, type, rgba);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previous));
}

void Framebuffer::readPixels(std::vector<std::uint8_t>& rgba) const {
  const std::size_t row = static_cast<std::size_t>(width_) * 4;
  rgba.resize(row * static_cast<std::size_t>(height_));
  if (rgba.empty()) return;
  readResolved(GL_UNSIGNED_BYTE, 1, rgba.data());
  // OpenGL returns the bottom row first; swap rows so the top comes first.
  for (int top = 0, bottom = height_ - 1; top < bottom; ++top, --bottom) {
    std::uint8_t* a = rgba.data() + static_cast<std::size_t>(top) * row;
    std::swap_ranges(a, a + row, rgba.data() + static_cast<std::size_t>(bottom) * row);
  }
}

void Framebuffer::readPixels(std::vector<float>& rgba) const {
  if (format_ != Format::Rgba32F) throw std::logic_error("Framebuffer::readPixels(float): not an RGBA32F framebuffer");
  rgba.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_) * 4);
  if (rgba.empty()) return;
  readResolved(GL_FLOAT, 4, rgba.data());
}

}  // namespace ganscope
