// The plane view's CPU lattice (app/views/plane_view.h): its size follows the discriminator's.
#include <doctest/doctest.h>

#include <vector>

#include "app/views/plane_view.h"
#include "core/nn/mlp.h"

using namespace ganscope;

// The CPU lattice shrinks with D's size, so one picture never holds the GUI thread for long (a D of 8 layers of
// 1,024 took 2.2 s at 128²), and the networks the presets use keep the full 128².
TEST_CASE("field lattice: 128 for the presets' networks, smaller for a large D, never under 8") {
  const auto d = [](std::vector<int> hidden) { return Mlp(2, hidden, 1, Activation::Relu); };
  CHECK(PlaneView::fieldLatticeSize(d({64, 64})) == PlaneView::kFieldResolution);
  CHECK(PlaneView::fieldLatticeSize(d({128, 128})) == PlaneView::kFieldResolution);
  const int wide = PlaneView::fieldLatticeSize(d({512, 512}));
  CHECK(wide < PlaneView::kFieldResolution);
  CHECK(wide > PlaneView::kMinFieldResolution);
  CHECK(PlaneView::fieldLatticeSize(d(std::vector<int>(8, 1024))) == PlaneView::kMinFieldResolution);
  // The work of one picture (points × parameters) stays within the budget wherever the lattice is cut.
  const Mlp big = d({512, 512});
  CHECK(static_cast<double>(wide) * wide * big.parameterCount() <= 128.0 * 128.0 * 20000.0);
}
