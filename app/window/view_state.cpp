#include "app/window/view_state.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "app/views/view_limits.h"

namespace ganscope {
namespace {

using nlohmann::json;

// The plane's layers and the 1D view's switches, by name: the one list both directions read.
template <typename Visitor>
void visitSwitches(ViewState& v, Visitor&& visit) {
  visit("layers", "field", v.layers.field);
  visit("layers", "contour", v.layers.contour);
  visit("layers", "real", v.layers.real);
  visit("layers", "fake", v.layers.fake);
  visit("layers", "manifold", v.layers.manifold);
  visit("layers", "arrows", v.layers.arrows);
  visit("layers", "modes", v.layers.modes);
  visit("line", "data_density", v.line.dataDensity);
  visit("line", "histogram", v.line.histogram);
  visit("line", "generator_density", v.line.generatorDensity);
  visit("line", "discriminator", v.line.discriminator);
  visit("line", "optimal_discriminator", v.line.optimalDiscriminator);
  visit("line", "mapping", v.line.mapping);
  visit("line", "legend", v.line.legend);
  visit("line", "modes", v.line.modes);
}

}  // namespace

std::string viewStateJson(const ViewState& view) {
  json out = json::object();
  if (view.hasPlane) {
    out["plane"] = {{"x_min", view.plane.xMin},
                    {"x_max", view.plane.xMax},
                    {"y_min", view.plane.yMin},
                    {"y_max", view.plane.yMax}};
  }
  ViewState copy = view;
  visitSwitches(copy, [&](const char* group, const char* key, bool& value) { out[group][key] = value; });
  out["dirac_tab"] = view.diracPortrait ? "portrait" : "line";
  return out.dump();
}

ViewState parseViewState(const std::string& text, const ViewState& fallback) {
  ViewState view = fallback;
  // A view state is 3 levels deep: deeper text is not one (and is not built in memory at all).
  bool tooDeep = false;
  const json::parser_callback_t limitDepth = [&tooDeep](int depth, json::parse_event_t, json&) {
    if (depth > 4) tooDeep = true;
    return !tooDeep;
  };
  if (text.size() > (1u << 20)) return fallback;
  const json in = json::parse(text, limitDepth, /*allow_exceptions=*/false);
  if (tooDeep) return fallback;
  if (!in.is_object()) return fallback;
  if (in.contains("plane") && in["plane"].is_object()) {
    const json& p = in["plane"];
    double values[4];
    const char* keys[4] = {"x_min", "x_max", "y_min", "y_max"};
    bool ok = true;
    for (int i = 0; i < 4 && ok; ++i) {
      ok = p.contains(keys[i]) && p[keys[i]].is_number() && std::isfinite(p[keys[i]].get<double>());
      if (ok) values[i] = p[keys[i]].get<double>();
    }
    // A rectangle the view can zoom and pan to (app/views/view_limits.h); anything else keeps the fallback's.
    ok = ok && viewWithinLimits({values[0], values[1], values[2], values[3]});
    if (ok) {
      view.hasPlane = true;
      view.plane = {values[0], values[1], values[2], values[3]};
    }
  }
  visitSwitches(view, [&](const char* group, const char* key, bool& value) {
    if (in.contains(group) && in[group].is_object() && in[group].contains(key) &&
        in[group][key].is_boolean()) {
      value = in[group][key].get<bool>();
    }
  });
  if (in.contains("dirac_tab") && in["dirac_tab"].is_string()) view.diracPortrait = in["dirac_tab"] != "line";
  return view;
}

}  // namespace ganscope
