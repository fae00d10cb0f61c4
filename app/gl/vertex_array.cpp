#include "app/gl/vertex_array.h"

#include <GL/glcorearb.h>

#include <cstdint>
#include <utility>

#include "app/gl/gl_buffer.h"

namespace ganscope {

VertexArray::VertexArray() {
  glGenVertexArrays(1, &id_);
}

VertexArray::~VertexArray() {
  if (id_ != 0) glDeleteVertexArrays(1, &id_);
}

VertexArray::VertexArray(VertexArray&& other) noexcept : id_(std::exchange(other.id_, 0)) {}

VertexArray& VertexArray::operator=(VertexArray&& other) noexcept {
  if (this != &other) {
    if (id_ != 0) glDeleteVertexArrays(1, &id_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void VertexArray::bind() const {
  glBindVertexArray(id_);
}

void VertexArray::setFloatAttribute(unsigned index, const GlBuffer& buffer, int components,
                                    std::size_t strideBytes, std::size_t offsetBytes, unsigned divisor) {
  bind();
  glBindBuffer(GL_ARRAY_BUFFER, buffer.id());
  glEnableVertexAttribArray(index);
  // OpenGL takes the offset into the bound buffer disguised as a pointer.
  glVertexAttribPointer(index, components, GL_FLOAT, GL_FALSE, static_cast<GLsizei>(strideBytes),
                        reinterpret_cast<const void*>(static_cast<std::uintptr_t>(offsetBytes)));
  glVertexAttribDivisor(index, divisor);
}

}  // namespace ganscope
