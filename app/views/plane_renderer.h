#pragma once
// Draws a PlaneScene (decision surface, D = ½ contour, manifold, samples, arrows) into an offscreen picture.
#include <cstdint>
#include <optional>
#include <vector>

#include "app/gl/framebuffer.h"
#include "app/gl/gl_buffer.h"
#include "app/gl/gpu_timer.h"
#include "app/gl/shader_program.h"
#include "app/gl/texture.h"
#include "app/gl/vertex_array.h"
#include "app/views/cpu_picture.h"
#include "app/views/field_picture.h"
#include "app/views/gpu_mlp.h"
#include "app/views/plane_scene.h"
#include "core/data/bounds.h"

namespace ganscope {

/// Renders the 2D plane view into its own multisampled offscreen framebuffer, to be shown with ImGui::Image,
/// saved as a screenshot or recorded. Each group of the scene is uploaded only when its revision changes, and
/// the view rectangle is a uniform, so pan and zoom cost no uploads. All GL objects are made once, in the
/// constructor, which needs a current OpenGL 3.3 core context; the renderer must be destroyed while that
/// context is current.
class PlaneRenderer {
 public:
  /// Compiles the plane's shaders and creates its buffers; throws std::runtime_error on a shader error.
  PlaneRenderer();

  /// Draws the scene into the offscreen picture of widthPx × heightPx pixels (resized when that changes). The
  /// field is drawn over the view rectangle the scene had when the field's revision last changed, so a field
  /// computed for an older view stays where it belongs while a new one is computed. Restores the framebuffer
  /// binding and viewport it found; leaves blending enabled.
  void render(const PlaneScene& scene, int widthPx, int heightPx);
  /// render() in two halves, for frames that cannot afford a whole picture (software rasterizers): uploads what
  /// changed and draws the field and the manifold into a second picture, while the last one stays shown.
  void beginPicture(const PlaneScene& scene, int widthPx, int heightPx);
  /// Draws the samples and arrows of the picture beginPicture started and shows it; nothing when none is pending.
  void finishPicture(const PlaneScene& scene);
  /// Software rasterizers: on the CPU path, beginPicture draws the field, the manifold and the samples on the
  /// CPU (CpuPicture), uploads them and has the GPU draw only the arrows over them, and finishPicture only shows
  /// the picture; the same pixels to within rounding (tests/gl/cpu_picture_gl_test.cpp).
  /// The CPU keeps its own copy of the field, samples and manifold only then; switching on uploads them all
  /// again with the next picture, so the copies are never stale.
  void setPictureOnCpu(bool onCpu);
  /// The CPU's time for the last picture drawn on the CPU (both halves and the upload), in milliseconds.
  double lastCpuPictureMs() const { return lastCpuPictureMs_; }
  /// Whether beginPicture started a picture that finishPicture has not finished.
  bool picturePending() const { return pending_; }

  /// The OpenGL name of the picture's RGBA8 texture; its first row is the bottom, so ImGui::Image needs
  /// uv0 = (0, 1) and uv1 = (1, 0).
  unsigned colorTexture() const { return shownPicture().colorTexture().id(); }
  /// Reads the last picture as RGBA8 bytes, width() × height() × 4, rows from the top (for PNG or video).
  void readPixels(std::vector<std::uint8_t>& rgba) const { shownPicture().readPixels(rgba); }
  /// Width of the last picture in pixels.
  int width() const { return shownPicture().width(); }
  /// Height of the last picture in pixels.
  int height() const { return shownPicture().height(); }
  /// Copies the shown picture's pixels [x0, x1) × [y0, y1) (rows from the bottom) into the framebuffer bound for
  /// drawing, with the corner (x0, y0) at (targetX, targetY) there (see Framebuffer::blitRegionToDrawn).
  void copyShown(int x0, int y0, int x1, int y1, int targetX, int targetY) const {
    shownPicture().blitRegionToDrawn(x0, y0, x1, y1, targetX, targetY);
  }
  /// The GPU's time for drawing the decision surface (D per pixel, or the CPU's lattice smoothed), per
  /// picture.
  const GpuTimer& fieldTimer() const { return fieldTimer_; }
  /// The GPU's time for drawing the generator's cloud (G per vertex on the GPU path), per picture.
  const GpuTimer& cloudTimer() const { return cloudTimer_; }
  /// Starts both timers afresh (when the field's path changes, so that their figures are the new path's).
  void resetTimers() {
    fieldTimer_.reset();
    cloudTimer_.reset();
  }

 private:
  class DrawingInto;
  const Framebuffer& shownPicture() const { return pictures_[shown_]; }
  bool viewValid() const;
  static float pixelScale(int heightPx);
  void uploadField(const PlaneScene& scene);
  void uploadSamples(const PlaneScene& scene);
  void uploadManifold(const PlaneScene& scene);
  void uploadArrows(const PlaneScene& scene);
  void uploadNetworks(const PlaneScene& scene);
  void setShading(const ShaderProgram& program, const PlaneScene& scene, float scale) const;
  void drawField(const PlaneScene& scene, float scale);
  // The software path's picture, drawn by beginPicture: the field and the manifold into cpuPicture_, then the
  // samples over them, and the whole uploaded into `picture`.
  void drawBackLayersOnCpu(const PlaneScene& scene, int widthPx, int heightPx, float scale);
  void drawSamplesOnCpuAndUpload(const PlaneScene& scene, Framebuffer& picture);
  void drawFieldPerPixel(const PlaneScene& scene, float scale);
  void drawCloud(float scale);
  void drawManifold();
  void drawPoints(const PlaneScene& scene, float scale);
  void drawArrows(float scale, int widthPx, int heightPx);
  void setView(const ShaderProgram& program) const;

  ShaderProgram fieldProgram_;
  ShaderProgram pointsProgram_;
  ShaderProgram manifoldProgram_;
  ShaderProgram arrowsProgram_;
  Framebuffer pictures_[2];  // the one shown and the one being drawn
  int shown_ = 0;
  bool pending_ = false;

  bool pictureOnCpu_ = false;
  bool cpuPending_ = false;  // the picture being drawn is drawn on the CPU
  FieldPicture fieldPicture_;
  CpuPicture cpuPicture_;
  std::vector<float> fieldValues_;      // the lattice as uploaded (the CPU shades from it)
  std::vector<float> pointPositions_;   // the samples as uploaded: real, then fake, (x, y) each
  std::vector<float> manifoldVertices_; // the manifold as uploaded: (x, y, alpha) triangles, then lines
  int fieldWidth_ = 0;
  int fieldHeight_ = 0;
  double lastCpuPictureMs_ = 0.0;
  Texture fieldTexture_;
  Texture colormap_;
  VertexArray fieldVao_;  // empty: the field quad comes from gl_VertexID
  Bounds fieldBounds_;
  bool hasField_ = false;

  GlBuffer pointBuffer_;  // real samples, then fake samples
  VertexArray pointVao_;
  int realCount_ = 0;
  int fakeCount_ = 0;

  GlBuffer manifoldBuffer_;  // (x, y, alpha): cell triangles, then grid line segments
  VertexArray manifoldVao_;
  int manifoldTriangleVertices_ = 0;
  int manifoldLineVertices_ = 0;

  GlBuffer arrowTemplate_;   // the 9-vertex arrow template
  GlBuffer arrowInstances_;  // (tail.xy, head.xy) per arrow
  VertexArray arrowVao_;
  int arrowCount_ = 0;

  // The GPU path (FieldPath::Gpu): D per pixel, G per vertex; programs compiled on first use.
  std::optional<ShaderProgram> fieldMlpProgram_;
  std::optional<ShaderProgram> cloudProgram_;
  GpuMlp discriminatorGpu_;
  GpuMlp generatorGpu_;
  GlBuffer latentBuffer_;
  std::optional<VertexArray> latentVao_;
  int latentCount_ = 0;
  std::optional<std::uint64_t> discriminatorRevision_;
  std::optional<std::uint64_t> generatorRevision_;
  std::optional<std::uint64_t> latentRevision_;

  std::optional<std::uint64_t> fieldRevision_;
  std::optional<std::uint64_t> samplesRevision_;
  std::optional<std::uint64_t> manifoldRevision_;
  std::optional<std::uint64_t> arrowsRevision_;

  GpuTimer fieldTimer_;
  GpuTimer cloudTimer_;

  Bounds view_;                   // the view of the frame being drawn
  std::vector<float> staging_;    // CPU-side vertex data, reused between uploads
  std::vector<float> cellAreas_;  // manifold cell areas, reused between uploads
};

}  // namespace ganscope
