#pragma once
// A conditional run in the window (Mirza & Osindero 2014): which class the views show, G(z | y = k) and
// D(x | y = k) folded into networks of x alone, and the samples coloured by class over the plane.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "app/views/plane_scene.h"
#include "core/data/bounds.h"
#include "core/gan/config.h"
#include "core/nn/mlp.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// The class picker: "all classes" or one class k of a conditional run, and what the views draw for it.
class ClassPicker {
 public:
  /// The value of picked() for all classes.
  static constexpr int kAll = -1;

  /// The snapshot the views draw. A conditional run with class k picked: G(z | y = k) and D(x | y = k) (the
  /// one-hot folded into the first layer's bias, classConditionedNetwork) on the latent batch's z. With all
  /// classes: G itself on the labelled latent batch (the samples of every class) and D(x | y = 0), the first
  /// class's surface. An unconditional run's snapshot is returned as it is. Cached: the same source and pick
  /// give the same snapshot.
  std::shared_ptr<const Snapshot> shown(const std::shared_ptr<const Snapshot>& source);

  /// For a conditional snapshot (one shown() made): turns off the plane's own real and fake samples, which
  /// drawOverlay draws by class instead, and with all classes G's manifold and arrows, which need one class.
  void hidePlaneLayers(const Snapshot& shown, PlaneLayers& layers) const;

  /// For a conditional snapshot: draws its real samples (discs) and generated ones (diamonds) in their
  /// class's colour over the plane's picture `picture` (x0, y0, x1, y1 on screen) showing `view`, as `layers`
  /// (the user's choice) asks; with a class picked, the other classes' real samples faded. Then the picker
  /// itself, a combo at the picture's bottom left, and a line saying which class D's surface is for.
  void drawOverlay(ImDrawList* drawList, ImVec4 picture, const Bounds& view, const Snapshot& shown,
                   const PlaneLayers& layers);

  /// For a conditional snapshot: the picker alone, a combo at the bottom left of `picture` (x0, y0, x1, y1 on
  /// screen; the plane's, or the 1D view's plot), and a line saying which class D is drawn for.
  void drawPicker(ImDrawList* drawList, ImVec4 picture, const Snapshot& shown);

  /// The class shown, or kAll.
  int picked() const { return picked_; }
  /// Shows class k (kAll: every class); a k outside the run's classes shows all when the next snapshot comes.
  void pick(int k) { picked_ = k; }

 private:
  int picked_ = kAll;
  std::shared_ptr<const Snapshot> source_;
  std::shared_ptr<const Snapshot> shown_;
  int shownPick_ = kAll;
  long long version_ = 0;
  std::shared_ptr<const Matrix> latent_;        // the latent batch's z rows, for the picked class
  std::shared_ptr<const Matrix> latentSource_;  // the batch they came from
  long long fakeVersion_ = -1;                  // the shown snapshot whose samples `fake_` holds
  Matrix fake_;
  MlpWorkspace workspace_;
};

/// The `conditional` checkbox of the settings (Data): shown for data kinds with classes; returns true when it
/// changed `edited.conditional`.
bool drawConditionalCheckbox(Config& edited);

}  // namespace ganscope
