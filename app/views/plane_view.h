#pragma once
// The 2D view: D's decision surface, real and fake samples, G's manifold and gradient arrows, with pan and zoom.
#include <imgui.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "app/views/field_path.h"
#include "app/views/gpu_mlp.h"
#include "app/views/drawing_canvas.h"
#include "app/views/mode_markers.h"
#include "app/views/plane_renderer.h"
#include "app/views/plane_scene.h"
#include "core/nn/mlp.h"
#include "core/runtime/snapshot.h"
#include "core/util/per_second_mean.h"

namespace ganscope {

/// Computes the plane's scene from a snapshot for what is on screen, draws it through a PlaneRenderer into an
/// offscreen framebuffer, shows it, and handles the mouse: drag to pan, wheel to zoom, double-click to reset.
class PlaneView {
 public:
  /// Draws the view into the current ImGui window at the cursor, `size` pixels large.
  void draw(const Snapshot& snapshot, ImVec2 size);

  /// Whether the last draw() drew the picture again (its screen rectangle, pictureRect(), shows new pixels while
  /// ImGui's draw commands for it stay the same).
  bool pictureRedrawn() const { return pictureRedrawn_; }
  /// Whether the picture shown is whole and drawn from `snapshot` (nothing computed or half drawn is waiting):
  /// a screenshot taken now shows that snapshot.
  bool pictureUpToDate(const Snapshot& snapshot) const {
    return samplesVersion_ == snapshot.version && fieldVersion_ == snapshot.version && !beginDue_ &&
           !renderer_.picturePending();
  }
  /// Software rasterizers: whether the next draw() will do one of the two heavy steps of a picture, computing
  /// its scene (D's lattice, G's samples) or finishing it (showing it: the plane copied to the window again);
  /// the frames between, which begin a picture (drawing it) or do nothing, are the ones for the charts. Each
  /// frame does at most one of the three steps (compute, begin, finish), so no frame carries two.
  bool heavyStepDue(const Snapshot& snapshot) const {
    return renderer_.picturePending() || sceneDue(snapshot, std::chrono::steady_clock::now());
  }
  /// The picture's screen rectangle in the last draw(): (x0, y0, x1, y1) in ImGui coordinates.
  ImVec4 pictureRect() const { return pictureRect_; }

  /// The layer switches (the control panel edits them).
  PlaneLayers& layers() { return layers_; }

  /// Fits the view to the data again.
  void resetView() { viewValid_ = false; }
  /// The data rectangle on screen and whether there is one yet (a saved session keeps it).
  const Bounds& viewBounds() const { return view_; }
  bool hasViewBounds() const { return viewValid_; }
  /// Shows this data rectangle (a session's, for its `data`) from the next frame on.
  void setViewBounds(const Bounds& bounds, const DataConfig& data) {
    view_ = bounds;
    viewData_ = data;
    viewValid_ = true;
  }

  /// Milliseconds the last D field evaluation took (shown in the UI; the performance budget is 3 ms).
  double lastFieldMs() const { return lastFieldMs_; }

  /// The mean of lastFieldMs() over the last second or so (changes once a second, so a label showing it does too).
  double averageFieldMs() const { return fieldMs_.mean(); }

  /// Field evaluations per second over the last second or so.
  double fieldRefreshesPerSecond() const { return fieldMs_.perSecond(); }

  /// The scene as last built (for tests and the recorder).
  const PlaneScene& scene() const { return scene_; }

  /// The renderer (for screenshots of the plane alone).
  PlaneRenderer& renderer() { return renderer_; }

  /// Rebuilds the scene from new weights at most this often (the UI still draws every frame). Zero: every new
  /// snapshot. A software rasterizer uses 33 ms, so it spends its fill rate on the UI rather than on pictures a
  /// frame apart.
  void setSceneInterval(std::chrono::milliseconds interval) { sceneInterval_ = interval; }
  /// The field is recomputed at most this often (kFieldInterval; 0 for every new snapshot: recording).
  void setFieldInterval(std::chrono::milliseconds interval) { fieldInterval_ = interval; }

  /// Draw mode (drawing your own data): left-drag sprays `density` samples at a time into `canvas` within `brushRadius`
  /// (data units) of the pointer, right-drag erases; the left button does not pan, the wheel still zooms, and the view
  /// is not fitted again to the drawing as it changes. nullptr: off.
  void setDrawing(DrawingCanvas* canvas, double brushRadius, int density) {
    drawing_ = canvas;
    brushRadius_ = brushRadius;
    density_ = density;
  }
  /// Whether a stroke ended since the last call (the drawing is then applied to the run).
  bool takeStrokeEnded() {
    const bool ended = strokeEnded_;
    strokeEnded_ = false;
    return ended;
  }

  /// Chooses where D's surface is computed (Auto: by the renderer, see setSoftwareRenderer).
  void setFieldChoice(FieldChoice choice) { fieldChoice_ = choice; }
  /// What the user chose.
  FieldChoice fieldChoice() const { return fieldChoice_; }
  /// Tells the view whether OpenGL is a software rasterizer (FieldChoice::Auto then keeps the CPU path).
  /// On one, the renderer also draws the CPU path's picture on the CPU (PlaneRenderer::setPictureOnCpu).
  void setSoftwareRenderer(bool software) {
    softwareRenderer_ = software;
    renderer_.setPictureOnCpu(software);
  }
  /// The path in use since the last draw(): the choice, or the CPU when the GPU cannot evaluate the networks.
  FieldPath fieldPath() const { return scene_.fieldPath; }
  /// Why the CPU path is in use where the GPU's was asked for (a network too wide or too deep) or chosen by
  /// Auto (the GPU measured too slow, see gpuPicturesTooSlow), or "".
  const std::string& fieldPathNote() const { return fieldPathNote_; }

  /// The GPU path's lattice for the WGAN/hinge colour scale (the 98th percentile of |D − centre| over the view).
  static constexpr int kScaleLattice = 32;
  /// The seed of the GPU path's latent cloud.
  static constexpr std::uint64_t kCloudSeed = 20140610;  // Goodfellow et al.'s arXiv submission date
  /// Generated samples the GPU path draws (G evaluated per vertex); the CPU path draws the snapshot's 2,500.
  static constexpr int kCloudSamples = 100'000;
  /// The field lattice size: 128 × 128 evaluations over the visible rectangle (smoothed by linear filtering).
  static constexpr int kFieldResolution = 128;
  /// The coarsest CPU lattice, for the largest discriminators.
  static constexpr int kMinFieldResolution = 8;

  /// The side of the CPU lattice for `discriminator`: kFieldResolution, or less for a large D, so that one picture
  /// costs at most about as many multiply-adds as 128² points of a D of 20,000 parameters (the GUI thread computes it).
  static int fieldLatticeSize(const Mlp& discriminator);
  /// The side of the CPU lattice of the last picture.
  int fieldResolution() const { return scene_.fieldWidth > 0 ? scene_.fieldWidth : kFieldResolution; }
  /// D is evaluated on the lattice in chunks of this many points: cache-sized buffers, reused, where one batch of
  /// 16,384 would make Eigen map fresh pages for its packing buffers on every call.
  static constexpr int kFieldChunk = 2048;
  /// The field is recomputed at most this often (it also waits for new weights or a new view): 40 times a second at
  /// most, and at every frame below that, so slow frames (e.g. 30 per second) still refresh it each frame.
  static constexpr std::chrono::milliseconds kFieldInterval{25};

 private:
  void fitView(const Snapshot& snapshot, double aspect);
  void handleInput(ImVec2 origin, ImVec2 size);
  void choosePath(const Snapshot& snapshot);
  FieldMapping mappingFor(const Snapshot& snapshot, const Matrix& values) const;
  void updateField(const Snapshot& snapshot);
  // Batched (software): whether a scene is computed in a draw() at `now`: something new to show, the interval
  // since the last one over, and no picture of the last one still to be begun or finished.
  bool sceneDue(const Snapshot& snapshot, std::chrono::steady_clock::time_point now) const;
  void updateCloud(const Snapshot& snapshot);
  void updateSamples(const Snapshot& snapshot);
  void updateManifold(const Snapshot& snapshot);
  void updateArrows(const Snapshot& snapshot);
  void drawOverlay(ImDrawList* drawList, ImVec2 origin, ImVec2 size, const Snapshot& snapshot) const;

  FieldChoice fieldChoice_ = FieldChoice::Auto;
  bool softwareRenderer_ = false;
  std::string fieldPathNote_;
  bool gpuTooSlow_ = false;    // Auto measured the GPU path over its budget (gpuPicturesTooSlow) and left it
  double gpuPictureMs_ = 0.0;  // the GPU time per picture it measured
  int cloudDim_ = 0;
  LatentDistribution cloudDist_ = LatentDistribution::Gaussian;
  long long discriminatorVersion_ = -1;  // the snapshot whose D the scene holds (GPU path)
  long long generatorVersion_ = -1;      // the snapshot whose G the scene holds (GPU path)
  bool pictureRedrawn_ = false;
  bool beginDue_ = false;  // batched: a batch was computed and its picture is still to be begun
  // Batched: the mode markers' input from the samples of the picture being drawn, applied when it is shown.
  struct PendingMarkers {
    long long version;
    std::shared_ptr<const Distribution> data;
    Matrix fake;
  };
  std::optional<PendingMarkers> pendingMarkers_;
  ImVec4 pictureRect_{0, 0, 0, 0};
  // What the ImGui callback that copies the picture onto the window needs: the renderer and where the picture's
  // top-left pixel goes in the window.
  struct PictureCopy {
    const PlaneRenderer* renderer = nullptr;
    int left = 0, top = 0;
  };
  PictureCopy copy_;
  void handleDrawing(ImVec2 origin, ImVec2 size);
  void drawDrawing(ImDrawList* drawList, ImVec2 origin, ImVec2 size) const;
  DrawingCanvas* drawing_ = nullptr;  // draw mode's canvas (null: off)
  double brushRadius_ = 0.2;
  int density_ = 6;
  bool stroking_ = false, strokeEnded_ = false;
  double lastDabX_ = 0.0, lastDabY_ = 0.0;
  bool dabbed_ = false;        // a dab in this stroke yet
  bool pointerOverDrawing_ = false;  // the pointer is over the plane in draw mode (the brush is shown)
  static void copyPicture(const ImDrawList* list, const ImDrawCmd* command);
  PlaneRenderer renderer_;
  PlaneScene scene_;
  ModeMarkers modeMarkers_;
  PlaneLayers layers_;
  Bounds view_;
  bool viewValid_ = false;
  std::chrono::milliseconds fieldInterval_ = kFieldInterval;
  bool viewChanged_ = true;
  DataConfig viewData_;
  long long samplesVersion_ = -1;
  std::chrono::milliseconds sceneInterval_{0};
  std::chrono::steady_clock::time_point lastScene_{};
  // What the offscreen picture was last drawn from: it is redrawn only when one of these changes.
  std::uint64_t drawnRevisions_[4] = {~0ULL, ~0ULL, ~0ULL, ~0ULL};
  Bounds drawnView_;
  int drawnWidth_ = 0, drawnHeight_ = 0;
  PlaneLayers drawnLayers_;
  bool drawnOnce_ = false;
  long long fieldVersion_ = -1;
  std::chrono::steady_clock::time_point lastField_{};
  double lastFieldMs_ = 0.0;
  PerSecondMean fieldMs_;  // the field evaluations' milliseconds, and how many per second
  Matrix fieldPoints_;
  Matrix fieldValues_;
  Matrix latentGrid_;
  Matrix arrowGrad_;
  Matrix arrowOutputGrad_;
  MlpWorkspace fieldWorkspace_;
  MlpWorkspace samplesWorkspace_;
  MlpWorkspace manifoldWorkspace_;
  MlpWorkspace arrowsGenerator_;
  MlpWorkspace arrowsDiscriminator_;
};

/// Maps D's raw outputs to [0, 1] with the decision boundary at 0.5: σ(d) for minimax/nonsaturating, d clamped to
/// [0, 1] for LSGAN's 0-1 coding, and for WGAN/hinge the score relative to the midpoint `centre` scaled by `scale`.
float displayedDiscriminator(LossKind loss, float d, float centre, float scale);

}  // namespace ganscope
