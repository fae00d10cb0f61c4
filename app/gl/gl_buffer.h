#pragma once
// An OpenGL buffer object owned by RAII: vertex data or indices, re-uploaded in place when its content
// changes.
#include <cstddef>
#include <span>

namespace ganscope {

/// A buffer object (vertex or index data); move-only, deleted with its owner. Needs a current OpenGL context.
class GlBuffer {
 public:
  /// What the buffer holds, which decides where it is bound.
  enum class Target { Vertices, Indices };

  /// Creates an empty buffer for vertex attributes (GL_ARRAY_BUFFER) or indices (GL_ELEMENT_ARRAY_BUFFER).
  explicit GlBuffer(Target target = Target::Vertices);
  ~GlBuffer();
  GlBuffer(GlBuffer&& other) noexcept;
  GlBuffer& operator=(GlBuffer&& other) noexcept;
  GlBuffer(const GlBuffer&) = delete;
  GlBuffer& operator=(const GlBuffer&) = delete;

  /// Binds the buffer to its target (an index buffer binds into the vertex array bound at the time).
  void bind() const;
  /// Replaces the content with `bytes` bytes from `data`; storage is reallocated only when it must grow.
  void upload(const void* data, std::size_t bytes);
  /// Replaces the content with the elements of a span of plain values.
  template <class T>
  void upload(std::span<const T> values) {
    upload(values.data(), values.size_bytes());
  }
  /// The number of bytes of the last upload.
  std::size_t size() const { return size_; }
  /// The OpenGL name of the buffer.
  unsigned id() const { return id_; }

 private:
  unsigned id_ = 0;
  Target target_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace ganscope
