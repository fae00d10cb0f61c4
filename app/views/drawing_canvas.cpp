#include "app/views/drawing_canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/gan/config.h"

namespace ganscope {
namespace {

// Undo keeps this many strokes (each a copy of at most kMaxDrawnPoints samples).
constexpr std::size_t kUndoStrokes = 100;

}  // namespace

DrawingCanvas::DrawingCanvas(int dim) : dim_(dim == 1 ? 1 : 2) {}

void DrawingCanvas::beginStroke() {
  undo_.push_back(values_);
  if (undo_.size() > kUndoStrokes) undo_.erase(undo_.begin());
}

std::size_t DrawingCanvas::paint(double x, double y, double radius, int count) {
  if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(radius) || radius < 0.0 || count <= 0)
    return 0;
  std::size_t added = 0;
  for (int i = 0; i < count && size() < kMaxDrawnPoints; ++i) {
    if (dim_ == 1) {
      values_.push_back(x + radius * (2.0 * rng_.uniform() - 1.0));
    } else {
      // Uniform in the disc: the radius as the square root of a uniform number.
      const double r = radius * std::sqrt(rng_.uniform()), angle = 2.0 * M_PI * rng_.uniform();
      values_.push_back(x + r * std::cos(angle));
      values_.push_back(y + r * std::sin(angle));
    }
    ++added;
  }
  return added;
}

std::size_t DrawingCanvas::erase(double x, double y, double radius) {
  const std::size_t before = size();
  std::vector<double> kept;
  kept.reserve(values_.size());
  for (std::size_t i = 0; i < values_.size(); i += static_cast<std::size_t>(dim_)) {
    const double dx = values_[i] - x, dy = dim_ == 2 ? values_[i + 1] - y : 0.0;
    if (dx * dx + dy * dy <= radius * radius) continue;
    kept.insert(kept.end(), values_.begin() + static_cast<std::ptrdiff_t>(i),
                values_.begin() + static_cast<std::ptrdiff_t>(i) + dim_);
  }
  values_ = std::move(kept);
  return before - size();
}

bool DrawingCanvas::undo() {
  if (undo_.empty()) return false;
  values_ = std::move(undo_.back());
  undo_.pop_back();
  return true;
}

void DrawingCanvas::clear() {
  beginStroke();
  values_.clear();
}

bool DrawingCanvas::load(const DataConfig& data) {
  if (data.kind != DataKind::Points || data.points.empty() || data.pointsDim != dim_) return false;
  if (data.points.size() % static_cast<std::size_t>(dim_) != 0) return false;
  values_ = data.points;
  undo_.clear();
  return true;
}

DataConfig DrawingCanvas::applyTo(DataConfig base) const {
  base.kind = DataKind::Points;
  base.file.clear();
  base.points = values_;
  base.pointsDim = dim_;
  return base;
}

std::string DrawingCanvas::csv() const {
  std::string text;
  char line[96];
  for (std::size_t i = 0; i < values_.size(); i += static_cast<std::size_t>(dim_)) {
    // 17 significant digits: the file reads back to the same doubles.
    if (dim_ == 2) {
      std::snprintf(line, sizeof line, "%.17g,%.17g\n", values_[i], values_[i + 1]);
    } else {
      std::snprintf(line, sizeof line, "%.17g\n", values_[i]);
    }
    text += line;
  }
  return text;
}

}  // namespace ganscope
