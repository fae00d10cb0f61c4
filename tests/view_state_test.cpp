// The window's view as a session keeps it: written and read back, and whatever else a file holds there ignored.
#include <doctest/doctest.h>

#include <string>

#include "app/window/view_state.h"
#include "core/util/rng.h"

using namespace ganscope;

TEST_CASE("view state: written and read back whole") {
  ViewState view;
  view.hasPlane = true;
  view.plane = {-3.5, 2.25, -1.0, 4.0};
  view.layers.manifold = false;
  view.layers.arrows = false;
  view.line.histogram = false;
  view.diracPortrait = false;
  const ViewState back = parseViewState(viewStateJson(view), ViewState{});
  CHECK(back.hasPlane);
  CHECK(back.plane == view.plane);
  CHECK_FALSE(back.layers.manifold);
  CHECK_FALSE(back.layers.arrows);
  CHECK(back.layers.field);
  CHECK_FALSE(back.line.histogram);
  CHECK_FALSE(back.diracPortrait);
}

TEST_CASE("view state: what is not a view keeps the fallback, key by key") {
  ViewState fallback;
  fallback.layers.real = false;
  for (const std::string& text :
       {std::string(), std::string("not json"), std::string("[1,2]"), std::string("{\"plane\": 3}"),
        std::string(R"({"plane": {"x_min": 1, "x_max": 0, "y_min": 0, "y_max": 1}})"),
        std::string(R"({"plane": {"x_min": -1e300, "x_max": 1e300, "y_min": 0, "y_max": 1}})"),
        std::string(R"({"layers": {"real": "yes"}})"), std::string(200, '[') + std::string(200, ']'),
        std::string("{\"layers\": {\"real\": true, \"field\": 1}}")}) {
    CAPTURE(text.substr(0, 40));
    const ViewState read = parseViewState(text, fallback);
    CHECK_FALSE(read.hasPlane);
    CHECK(read.layers.field);
  }
  // One good key among bad ones is taken.
  CHECK(parseViewState("{\"layers\": {\"real\": true, \"field\": 1}}", fallback).layers.real);
  CHECK_FALSE(parseViewState("{\"layers\": {\"real\": \"yes\"}}", fallback).layers.real);
  // Random bytes never throw.
  Rng rng(5);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes(static_cast<std::size_t>(rng.below(64)), '\0');
    for (char& c : bytes) c = "{}[]\":,0123456789.e-truefalsnl layers plane x_min"[rng.below(48)];
    CHECK_NOTHROW((void)parseViewState(bytes, fallback));
  }
}
