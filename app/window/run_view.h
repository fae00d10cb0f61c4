#pragma once
// One run's part of the window: its views, its collapse banner, and the commands that reach that run alone.
#include <memory>

#include "app/ui/class_picker.h"
#include "app/ui/collapse_banner.h"
#include "app/views/dirac_view.h"
#include "app/views/field_path.h"
#include "app/views/line_view.h"
#include "app/views/plane_view.h"
#include "core/runtime/run_group.h"

namespace ganscope {

/// What the window keeps for each run it shows (one, or two when comparing): the plane, the 1D line and the
/// Dirac-GAN's portrait that draw it, its class picker (conditional runs), its collapse banner (whose fixes go to this run alone), which Dirac tab is
/// shown, and, when recording headless on the training clock, the snapshot its frames show. Made after the window
/// (the views own GL objects) and destroyed before it.
struct RunView {
  /// The views of run `index` of `group`; `software` and `field` set up the plane as the window's renderer needs.
  RunView(RunGroup& group, int index, bool software, FieldChoice field);
  RunView(const RunView&) = delete;
  RunView& operator=(const RunView&) = delete;

  int index = 0;                ///< 0: run A, 1: run B
  RunGroup::RunTarget target;   ///< commands for this run (a new config to it alone)
  PlaneView plane;              ///< the 2D view
  LineView line;                ///< the 1D view
  DiracView dirac;              ///< the Dirac-GAN's phase portrait
  CollapseBanner banner;        ///< this run's diagnosis, above its view
  ClassPicker classPicker;      ///< a conditional run: the class its views show (kept the same in both views)
  bool diracPortrait = true;    ///< the Dirac-GAN's tab shown: the portrait (or the 1D view)
  int selectDiracTab = -1;      ///< a tab to select once (a session's): 0 the portrait, 1 the 1D view
  std::shared_ptr<const Snapshot> pinned;  ///< headless, on the training clock: what the frames show until recorded
};

/// On a software rasterizer the plane's scene is computed at most this often (25 a second), in a frame of its own;
/// the next frame draws its picture and the one after shows it, so at 60 frames a second it is every third frame,
/// 20 pictures a second.
inline constexpr std::chrono::milliseconds kSoftwareSceneInterval{40};

}  // namespace ganscope
