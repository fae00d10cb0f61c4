#include "app/gl/gl_buffer.h"

#include <GL/glcorearb.h>

#include <utility>

namespace ganscope {

namespace {

GLenum glTarget(GlBuffer::Target target) {
  return target == GlBuffer::Target::Indices ? GL_ELEMENT_ARRAY_BUFFER : GL_ARRAY_BUFFER;
}

}  // namespace

GlBuffer::GlBuffer(Target target) : target_(target) {
  glGenBuffers(1, &id_);
}

GlBuffer::~GlBuffer() {
  if (id_ != 0) glDeleteBuffers(1, &id_);
}

GlBuffer::GlBuffer(GlBuffer&& other) noexcept
    : id_(std::exchange(other.id_, 0)),
      target_(other.target_),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

GlBuffer& GlBuffer::operator=(GlBuffer&& other) noexcept {
  if (this != &other) {
    if (id_ != 0) glDeleteBuffers(1, &id_);
    id_ = std::exchange(other.id_, 0);
    target_ = other.target_;
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

void GlBuffer::bind() const {
  glBindBuffer(glTarget(target_), id_);
}

void GlBuffer::upload(const void* data, std::size_t bytes) {
  bind();
  if (bytes > capacity_) {
    // Grow with headroom so that a slowly growing data set does not reallocate on every upload.
    capacity_ = bytes + bytes / 4;
    glBufferData(glTarget(target_), static_cast<GLsizeiptr>(capacity_), nullptr, GL_DYNAMIC_DRAW);
  }
  if (bytes > 0) glBufferSubData(glTarget(target_), 0, static_cast<GLsizeiptr>(bytes), data);
  size_ = bytes;
}

}  // namespace ganscope
