#pragma once
// The window's view as a session keeps it: the plane's rectangle, its layers, the 1D view's curves, the tab.
#include <string>

#include "app/views/line_view.h"
#include "app/views/plane_view.h"

namespace ganscope {

/// What of the view a session file keeps.
struct ViewState {
  bool hasPlane = false;      ///< whether `plane` holds a rectangle
  Bounds plane;               ///< the plane's data rectangle (pan and zoom)
  PlaneLayers layers;         ///< the plane's layers
  LineViewOptions line;       ///< the 1D view's curves
  bool diracPortrait = true;  ///< the Dirac-GAN's tab: the phase portrait (or the 1D view)
};

/// The view state as JSON text (Session::viewState).
std::string viewStateJson(const ViewState& view);

/// Reads what it can of a session's view state: keys missing, of the wrong type or out of range keep the values of
/// `fallback`, and text that is not JSON gives `fallback` whole (a view is never worth refusing a session for).
ViewState parseViewState(const std::string& text, const ViewState& fallback);

}  // namespace ganscope
