#pragma once
// A linked GLSL program owned by RAII, built from vertex and fragment sources, with uniform setters.
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace ganscope {

/// A vertex + fragment shader program; move-only, deleted with its owner. Needs a current OpenGL context.
class ShaderProgram {
 public:
  /// Compiles and links the two sources; throws std::runtime_error naming the shader and quoting the GLSL
  /// log.
  ShaderProgram(std::string_view name, std::string_view vertexSource, std::string_view fragmentSource);
  /// An empty program (id 0), for a member given its program later.
  ShaderProgram() = default;
  /// Compiles and links one compute shader (OpenGL 4.3's; the GPU trainer's kernels); throws as the constructor.
  static ShaderProgram compute(std::string_view name, std::string_view source);
  /// Builds the program from two files of shaders/ embedded at configure time (e.g. "field.vert",
  /// "field.frag"), their #include lines resolved and `defines` inserted after the #version line.
  static ShaderProgram fromEmbedded(std::string_view vertexFile, std::string_view fragmentFile,
                                    std::string_view defines = {});

  ~ShaderProgram();
  ShaderProgram(ShaderProgram&& other) noexcept;
  ShaderProgram& operator=(ShaderProgram&& other) noexcept;
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  /// Makes this the current program (glUseProgram).
  void use() const;
  /// Forgets the program without deleting it: for when its context cannot be made current (destroying the context
  /// frees it).
  void release() { id_ = 0; }
  /// The OpenGL name of the program.
  unsigned id() const { return id_; }
  /// The name given at construction, used in error messages.
  const std::string& name() const { return name_; }
  /// The location of a uniform, or -1 when the program has none by that name (setters then do nothing).
  int uniformLocation(const char* uniform) const;

  /// Sets a uniform of the program, which must be the current one (see use()).
  void setInt(const char* uniform, int value) const;
  /// Sets a float uniform of the current program.
  void setFloat(const char* uniform, float value) const;
  /// Sets a vec2 uniform of the current program.
  void setVec2(const char* uniform, glm::vec2 value) const;
  /// Sets an ivec2 uniform of the current program.
  void setIvec2(const char* uniform, glm::ivec2 value) const;
  /// Sets a vec3 uniform of the current program.
  void setVec3(const char* uniform, glm::vec3 value) const;
  /// Sets a vec4 uniform of the current program.
  void setVec4(const char* uniform, glm::vec4 value) const;
  /// Sets an int array uniform (`values.size()` elements from element 0) of the current program.
  void setInts(const char* uniform, std::span<const int> values) const;
  /// Sets a mat4 uniform (column-major, as glm stores it) of the current program.
  void setMat4(const char* uniform, const glm::mat4& value) const;

 private:
  // Links the compiled shaders into id_ and deletes them; throws with the link log.
  void link(std::initializer_list<unsigned> shaders);
  unsigned id_ = 0;
  std::string name_;
};

}  // namespace ganscope
