#pragma once
// An OpenGL vertex array object owned by RAII: which buffers feed which vertex attributes.
#include <cstddef>

namespace ganscope {

class GlBuffer;

/// A vertex array object; move-only, deleted with its owner. Needs a current OpenGL context.
class VertexArray {
 public:
  /// Creates a vertex array with no attributes enabled.
  VertexArray();
  ~VertexArray();
  VertexArray(VertexArray&& other) noexcept;
  VertexArray& operator=(VertexArray&& other) noexcept;
  VertexArray(const VertexArray&) = delete;
  VertexArray& operator=(const VertexArray&) = delete;

  /// Binds the vertex array (so draw calls and index-buffer binds use it).
  void bind() const;
  /// Feeds attribute `index` with `components` floats read from `buffer` every `strideBytes` bytes starting
  /// at `offsetBytes`; a `divisor` of 1 advances it once per instance instead of once per vertex. Binds this
  /// array.
  void setFloatAttribute(unsigned index, const GlBuffer& buffer, int components, std::size_t strideBytes,
                         std::size_t offsetBytes, unsigned divisor = 0);
  /// The OpenGL name of the vertex array.
  unsigned id() const { return id_; }

 private:
  unsigned id_ = 0;
};

}  // namespace ganscope
