// Drawing your own data: the brush, the eraser, undo and clear, the drawing as a config that trains, as CSV that
// reads back, and in a session.
#include <doctest/doctest.h>

#include <cmath>

#include "app/views/drawing_canvas.h"
#include "core/data/point_cloud.h"
#include "core/gan/trainer.h"
#include "core/runtime/session.h"
#include "tests/small_ring_config.h"

using namespace ganscope;

TEST_CASE("drawing: a dab sprays samples within the brush, the eraser takes them away, undo goes back a stroke") {
  DrawingCanvas canvas(2);
  canvas.beginStroke();
  CHECK(canvas.paint(1.0, -0.5, 0.25, 40) == 40);
  REQUIRE(canvas.size() == 40);
  for (std::size_t i = 0; i < canvas.values().size(); i += 2) {
    const double dx = canvas.values()[i] - 1.0, dy = canvas.values()[i + 1] + 0.5;
    CHECK(std::sqrt(dx * dx + dy * dy) <= 0.25 + 1e-12);
  }
  canvas.beginStroke();
  CHECK(canvas.paint(-2.0, 2.0, 0.1, 10) == 10);
  canvas.beginStroke();
  CHECK(canvas.erase(1.0, -0.5, 0.3) == 40);  // the first dab's samples, not the second's
  CHECK(canvas.size() == 10);
  CHECK(canvas.undo());
  CHECK(canvas.size() == 50);
  canvas.clear();
  CHECK(canvas.size() == 0);
  CHECK(canvas.undo());
  CHECK(canvas.size() == 50);
  CHECK(canvas.undo());
  CHECK(canvas.size() == 40);
  CHECK(canvas.undo());
  CHECK(canvas.size() == 0);
  CHECK_FALSE(canvas.undo());
  // Bad input adds nothing.
  CHECK(canvas.paint(NAN, 0.0, 0.2, 5) == 0);
  CHECK(canvas.paint(0.0, 0.0, -1.0, 5) == 0);
  // At most kMaxDrawnPoints samples.
  CHECK(canvas.paint(0.0, 0.0, 1.0, static_cast<int>(kMaxDrawnPoints) + 100) == kMaxDrawnPoints);
  CHECK(canvas.paint(0.0, 0.0, 1.0, 1) == 0);
}

TEST_CASE("drawing: a 1D canvas paints along the line") {
  DrawingCanvas line(1);
  line.beginStroke();
  CHECK(line.paint(3.0, 99.0, 0.5, 30) == 30);  // y is not used
  REQUIRE(line.values().size() == 30);
  for (double x : line.values()) CHECK(std::fabs(x - 3.0) <= 0.5);
  CHECK(line.erase(3.0, -99.0, 1.0) == 30);
}

TEST_CASE("drawing: the drawing is a points config that validates, trains, reads back from CSV and lives in a session") {
  DrawingCanvas canvas(2);
  canvas.beginStroke();
  canvas.paint(1.5, 0.0, 0.2, 60);
  canvas.paint(-1.5, 0.0, 0.2, 60);
  Config config = testing::smallRingConfig(8);
  config.data = canvas.applyTo(config.data);
  CHECK(config.data.kind == DataKind::Points);
  CHECK(config.data.file.empty());
  CHECK(config.data.points == canvas.values());
  REQUIRE(validate(config).empty());
  Trainer trainer(config);
  trainer.train(50);
  CHECK_FALSE(trainer.diverged());
  CHECK(trainer.data().dim() == 2);

  // CSV: the same samples, to the last bit.
  const Matrix read = parsePointsCsv(canvas.csv(), "drawing.csv");
  REQUIRE(read.cols() == 120);
  for (Eigen::Index i = 0; i < read.cols(); ++i) {
    CHECK(read(0, i) == static_cast<float>(canvas.values()[2 * i]));
    CHECK(read(1, i) == static_cast<float>(canvas.values()[2 * i + 1]));
  }

  // A session keeps the drawing (it is in the config) and continues exactly.
  Session session;
  session.state = trainer.saveState();
  const Session opened = parseSession(sessionBytes(session), "drawing session");
  CHECK(opened.state.config.data.points == canvas.values());
  Trainer continued(opened.state.config);
  continued.restoreState(opened.state);
  trainer.train(20);
  continued.train(20);
  CHECK(continued.generator().parameters() == trainer.generator().parameters());

  // A canvas opened on a drawing carries on with it.
  DrawingCanvas again(2);
  CHECK(again.load(config.data));
  CHECK(again.values() == canvas.values());
  CHECK_FALSE(DrawingCanvas(1).load(config.data));  // another dimension
}
