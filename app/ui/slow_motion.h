#pragma once
// Slow motion (GAN Lab's step-by-step view): one iteration played as its five phases, each highlighted on the
// model graph and on the view with a one-line caption. The iteration is the trainer's own
// (TracedStepCommand): the numbers shown are those of a normal step, and the run goes on from it exactly.
#include <imgui.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "app/ui/shortcuts.h"
#include "app/views/model_graph.h"
#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

/// The phases of one iteration, in order.
enum class SlowMotionPhase {
  Batch = 1,            ///< a batch of real samples and of noise
  Generate = 2,         ///< G maps the noise to fake samples
  Score = 3,            ///< D scores both
  UpdateDiscriminator,  ///< D's update: the surface after it
  UpdateGenerator,      ///< G's update: the fake samples along their gradient arrows, before and after
};

/// The number of phases.
inline constexpr int kSlowMotionPhases = 5;

/// Plays iterations phase by phase: start() runs one traced iteration and shows the state before it (phases 1
/// to 3), D after its update (4), then both after (5); next() after phase 5 runs the next iteration.
class SlowMotion {
 public:
  /// Slow motion over `thread`'s run.
  explicit SlowMotion(CommandTarget& thread) : thread_(thread) {}

  /// Whether slow motion is on.
  bool active() const { return active_; }
  /// Starts at `phase` (1 to 5) of the next iteration after `latest` (pausing the run there).
  void start(const std::shared_ptr<const Snapshot>& latest, int phase = 1);
  /// Ends slow motion; the run stays paused after the iteration shown.
  void stop();
  /// The next phase; after the last, the first of the next iteration.
  void next(const std::shared_ptr<const Snapshot>& latest);
  /// The phase before (from the first: stays).
  void previous();
  /// Called every frame with the newest snapshot: takes the traced iteration's snapshot when it comes, and
  /// advances on the timer when it is on.
  void update(const std::shared_ptr<const Snapshot>& latest);
  /// Whether the traced iteration has arrived (the phases can be shown).
  bool ready() const { return after_ != nullptr; }
  /// The phase shown.
  SlowMotionPhase phase() const { return phase_; }
  /// The graph's highlight for the phase shown.
  GraphHighlight highlight() const;
  /// The snapshot the view draws in this phase: the state before the iteration (1 to 3), D after its update
  /// with G before (4), both after (5). Null until ready().
  std::shared_ptr<const Snapshot> shown() const;
  /// The snapshot whose measurements the graph shows: the iteration's own from phase 3 on (D's scores, the
  /// losses, the gradient norms), the iteration before's until then. Null until ready().
  std::shared_ptr<const Snapshot> measured() const;
  /// The phase's caption: "3 / 5 · D scores both: mean D(real) 0.71, D(fake) 0.32".
  std::string caption() const;
  /// Draws the phase's marks over the plane's picture (`picture`: x0, y0, x1, y1 on screen; `view`: its data
  /// bounds xMin, xMax, yMin, yMax): the batch, G's samples, D's scores, the gradient arrows.
  void drawPlaneOverlay(ImDrawList* drawList, ImVec4 picture, ImVec4 view) const;
  /// The same marks on the 1D view (`plot`: its plot area x0, y0, x1, y1 on screen, spanning xMin to xMax):
  /// the real samples in a row near the top, G's in a row below them, D's scores as their fill, the arrows
  /// along x.
  void drawLineOverlay(ImDrawList* drawList, ImVec4 plot, double xMin, double xMax) const;
  /// The keys slow motion takes: M starts or ends it; while it plays PageDown and PageUp move through the
  /// phases, and the other training keys (Space, S, D, G, R, 1 – 9) end it first, then go on to the controls.
  /// Returns whether `press` was used up here.
  bool handleShortcut(const ShortcutPress& press, const std::shared_ptr<const Snapshot>& latest);
  /// The toolbar's controls while active: previous, next, the phase, auto advance, stop.
  void drawControls(const std::shared_ptr<const Snapshot>& latest);

 private:
  void request(const std::shared_ptr<const Snapshot>& latest);
  // The phase's marks inside `clip`, each sample placed by `at(x, y, fake)` (on screen), arrows as long as a
  // tenth of `viewWidth` (data units) at most.
  void drawMarks(ImDrawList* drawList, ImVec4 clip, float viewWidth,
                 const std::function<ImVec2(float x, float y, bool fake)>& at) const;

  CommandTarget& thread_;
  bool active_ = false;
  SlowMotionPhase phase_ = SlowMotionPhase::Batch;
  std::shared_ptr<const Snapshot> before_, after_, middle_;  // middle_: before_ with after_'s D (phase 4)
  long long requestedAt_ = -1;                               // the step the traced iteration starts from
  bool autoAdvance_ = false;
  float autoSeconds_ = 2.0f;
  std::chrono::steady_clock::time_point phaseShown_{};
};

}  // namespace ganscope
