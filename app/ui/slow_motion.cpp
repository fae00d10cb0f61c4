#include "app/ui/slow_motion.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "app/ui/control_panel.h"
#include "app/views/plane_style.h"
#include "app/window/imgui_style.h"
#include "core/gan/config_names.h"
#include "core/gan/gan_loss.h"

namespace ganscope {
namespace {

// At most this many samples of each kind are marked (a batch of 2,048 would hide the picture).
constexpr Eigen::Index kMarkedSamples = 256;

ImU32 colour(const glm::vec4& c, float alpha = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

// Data coordinates to screen pixels over the picture (x0, y0, x1, y1) showing `view` (xMin, xMax, yMin,
// yMax).
ImVec2 toScreen(float x, float y, ImVec4 picture, ImVec4 view) {
  return {picture.x + (x - view.x) / (view.y - view.x) * (picture.z - picture.x),
          picture.y + (view.w - y) / (view.w - view.z) * (picture.w - picture.y)};
}

// A score shown on the colormap: a probability as it is, a critic's raw value placed between the batch's
// extremes.
float onColormap(float d, bool probability, float low, float high) {
  if (probability) return std::clamp(d, 0.0f, 1.0f);
  return high > low ? (d - low) / (high - low) : 0.5f;
}

}  // namespace

void SlowMotion::start(const std::shared_ptr<const Snapshot>& latest, int phase) {
  active_ = true;
  phase_ = static_cast<SlowMotionPhase>(std::clamp(phase, 1, kSlowMotionPhases));
  before_ = after_ = middle_ = nullptr;
  requestedAt_ = -1;
  // The traced iteration starts from a paused run (update() sends it once the pause shows), so the state
  // shown as "before" is the one it starts from.
  if (!latest->paused) thread_.send(PauseCommand{});
  phaseShown_ = std::chrono::steady_clock::now();
}

void SlowMotion::stop() {
  active_ = false;
  before_ = after_ = middle_ = nullptr;
  requestedAt_ = -1;
}

void SlowMotion::request(const std::shared_ptr<const Snapshot>& latest) {
  before_ = latest;
  after_ = middle_ = nullptr;
  requestedAt_ = latest->step;
  thread_.send(TracedStepCommand{});
}

void SlowMotion::update(const std::shared_ptr<const Snapshot>& latest) {
  if (!active_) return;
  if (!latest->divergence.empty() && !after_) {
    stop();  // a stopped run has no next iteration to show
    return;
  }
  if (requestedAt_ < 0) {
    if (latest->paused) request(latest);
    return;
  }
  if (!after_ && latest->trace && latest->trace->step == requestedAt_ && latest->step == requestedAt_ + 1) {
    after_ = latest;
    auto middle = std::make_shared<Snapshot>(*before_);
    middle->discriminator = after_->discriminator;
    middle->version = -after_->version;  // a picture of its own (views redraw on a new version)
    middle_ = std::move(middle);
    phaseShown_ = std::chrono::steady_clock::now();
  }
  if (autoAdvance_ && after_ &&
      std::chrono::steady_clock::now() - phaseShown_ >= std::chrono::duration<float>(autoSeconds_)) {
    next(latest);
  }
}

void SlowMotion::next(const std::shared_ptr<const Snapshot>& latest) {
  if (!active_ || !after_) return;
  phaseShown_ = std::chrono::steady_clock::now();
  if (phase_ != SlowMotionPhase::UpdateGenerator) {
    phase_ = static_cast<SlowMotionPhase>(static_cast<int>(phase_) + 1);
    return;
  }
  // The state after this iteration is the state before the next one.
  phase_ = SlowMotionPhase::Batch;
  request(latest->step == after_->step ? latest : after_);
}

void SlowMotion::previous() {
  if (!active_ || phase_ == SlowMotionPhase::Batch) return;
  phase_ = static_cast<SlowMotionPhase>(static_cast<int>(phase_) - 1);
  phaseShown_ = std::chrono::steady_clock::now();
}

bool SlowMotion::handleShortcut(const ShortcutPress& press, const std::shared_ptr<const Snapshot>& latest) {
  switch (press.action) {
    case ShortcutAction::SlowMotion:
      if (active_) {
        stop();
      } else {
        start(latest);
      }
      return true;
    case ShortcutAction::NextCaption:
      if (!active_) return false;
      next(latest);
      return true;
    case ShortcutAction::PreviousCaption:
      if (!active_) return false;
      previous();
      return true;
    case ShortcutAction::PlayPause:
    case ShortcutAction::Step:
    case ShortcutAction::StepDiscriminator:
    case ShortcutAction::StepGenerator:
    case ShortcutAction::Reset:
    case ShortcutAction::Preset:
      stop();  // training takes over; the key goes on to the controls
      return false;
    default:
      return false;
  }
}

GraphHighlight SlowMotion::highlight() const {
  if (!active_) return GraphHighlight::None;
  switch (phase_) {
    case SlowMotionPhase::Batch:
      return GraphHighlight::Batch;
    case SlowMotionPhase::Generate:
      return GraphHighlight::Generate;
    case SlowMotionPhase::Score:
      return GraphHighlight::Score;
    case SlowMotionPhase::UpdateDiscriminator:
      return GraphHighlight::UpdateDiscriminator;
    case SlowMotionPhase::UpdateGenerator:
      return GraphHighlight::UpdateGenerator;
  }
  return GraphHighlight::None;
}

std::shared_ptr<const Snapshot> SlowMotion::measured() const {
  if (!active_ || !after_) return nullptr;
  return phase_ >= SlowMotionPhase::Score ? after_ : before_;
}

std::shared_ptr<const Snapshot> SlowMotion::shown() const {
  if (!active_ || !after_) return nullptr;
  if (phase_ == SlowMotionPhase::UpdateDiscriminator) return middle_;
  if (phase_ == SlowMotionPhase::UpdateGenerator) return after_;
  return before_;
}

std::string SlowMotion::caption() const {
  if (!active_) return {};
  if (!after_) return "slow motion: running the iteration…";
  const IterationTrace& t = *after_->trace;
  const long long n = t.real.cols();
  const bool probability = lossIsProbabilistic(after_->config.loss);
  const auto mean = [](const std::vector<float>& v) {
    double sum = 0.0;
    for (float x : v) sum += x;
    return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
  };
  char text[400];
  const int k = static_cast<int>(phase_);
  switch (phase_) {
    case SlowMotionPhase::Batch:
      std::snprintf(
          text, sizeof text,
          "%d / 5 · Iteration %lld: a batch of %lld real samples (orange rings) and %lld noise vectors z", k,
          t.step + 1, n, n);
      break;
    case SlowMotionPhase::Generate:
      std::snprintf(text, sizeof text, "%d / 5 · G maps each z to a fake sample G(z) (purple rings)", k);
      break;
    case SlowMotionPhase::Score:
      std::snprintf(text, sizeof text,
                    "%d / 5 · D scores both: mean %s %.2f on real, %.2f on fake; L_D = %.3f", k,
                    probability ? "D(x)" : "critic", mean(t.realD), mean(t.fakeD), t.lossD);
      break;
    case SlowMotionPhase::UpdateDiscriminator:
      std::snprintf(text, sizeof text,
                    "%d / 5 · D's update (%d step%s): its surface now, pushed up on the real batch and down "
                    "on the fake",
                    k, t.discriminatorSteps, t.discriminatorSteps == 1 ? "" : "s");
      break;
    case SlowMotionPhase::UpdateGenerator:
      if (t.generatorTraced) {
        std::snprintf(text, sizeof text,
                      "%d / 5 · G's update: each fake sample moves along its arrow, −∂L_G/∂x (L_G = %.3f); "
                      "PageDown: the next iteration",
                      k, t.lossG);
      } else {
        std::snprintf(text, sizeof text,
                      "%d / 5 · G's update (unrolled against D's next steps); PageDown: the next "
                      "iteration",
                      k);
      }
      break;
  }
  return text;
}

void SlowMotion::drawPlaneOverlay(ImDrawList* dl, ImVec4 picture, ImVec4 view) const {
  if (!active_ || !after_ || after_->trace->real.rows() != 2) return;
  drawMarks(dl, picture, view.y - view.x,
            [&](float x, float y, bool) { return toScreen(x, y, picture, view); });
}

void SlowMotion::drawLineOverlay(ImDrawList* dl, ImVec4 plot, double xMin, double xMax) const {
  if (!active_ || !after_ || after_->trace->real.rows() != 1 || !(xMax > xMin) || !(plot.z > plot.x)) return;
  // Two rows near the plot's top: the real samples, and below them G's.
  const float font = ImGui::GetFontSize();
  const float realY = plot.y + font * 1.0f, fakeY = plot.y + font * 2.2f;
  drawMarks(dl, plot, static_cast<float>(xMax - xMin), [&](float x, float, bool fake) {
    return ImVec2(plot.x + static_cast<float>((x - xMin) / (xMax - xMin)) * (plot.z - plot.x),
                  fake ? fakeY : realY);
  });
}

void SlowMotion::drawMarks(ImDrawList* dl, ImVec4 clip, float viewWidth,
                           const std::function<ImVec2(float x, float y, bool fake)>& at) const {
  const IterationTrace& t = *after_->trace;
  const float font = ImGui::GetFontSize();
  const float r = std::max(4.0f, font * 0.32f);
  dl->PushClipRect(ImVec2(clip.x, clip.y), ImVec2(clip.z, clip.w), true);
  // Column i of m as a sample's (x, y); y is 0 for 1D samples.
  const auto point = [&](const Matrix& m, Eigen::Index i, bool fake) {
    return at(m(0, i), m.rows() > 1 ? m(1, i) : 0.0f, fake);
  };
  const Eigen::Index n = std::min<Eigen::Index>(kMarkedSamples, t.real.cols());
  const bool probability = lossIsProbabilistic(after_->config.loss);
  float low = 0.0f, high = 1.0f;
  if (!probability && !t.realD.empty()) {
    const auto [a, b] = std::minmax_element(t.realD.begin(), t.realD.end());
    const auto [c, d] = std::minmax_element(t.fakeD.begin(), t.fakeD.end());
    low = std::min(*a, *c);
    high = std::max(*b, *d);
  }
  const auto ring = [&](const Matrix& m, Eigen::Index i, ImU32 c, bool fake) {
    dl->AddCircle(point(m, i, fake), r, c, 12, 2.0f);
  };
  const auto scored = [&](const Matrix& m, const std::vector<float>& d, Eigen::Index i, ImU32 outline,
                          bool fake) {
    const ImVec2 p = point(m, i, fake);
    dl->AddCircleFilled(p, r, colour(plane_style::fieldColor(onColormap(d[i], probability, low, high))), 12);
    dl->AddCircle(p, r, outline, 12, 1.5f);
  };
  const ImU32 realRing = colour(plane_style::kRealFill), fakeRing = colour(plane_style::kFakeFill);
  switch (phase_) {
    case SlowMotionPhase::Batch:
      for (Eigen::Index i = 0; i < n; ++i) ring(t.real, i, realRing, false);
      break;
    case SlowMotionPhase::Generate:
      for (Eigen::Index i = 0; i < n; ++i) ring(t.real, i, colour(plane_style::kRealFill, 0.35f), false);
      for (Eigen::Index i = 0; i < n; ++i) ring(t.fake, i, fakeRing, true);
      break;
    case SlowMotionPhase::Score:
    case SlowMotionPhase::UpdateDiscriminator:
      // Each sample filled with D's score on the surface's colours: where D was right, it disappears into
      // them.
      for (Eigen::Index i = 0; i < n; ++i) scored(t.real, t.realD, i, realRing, false);
      for (Eigen::Index i = 0; i < n; ++i) scored(t.fake, t.fakeD, i, fakeRing, true);
      break;
    case SlowMotionPhase::UpdateGenerator: {
      if (!t.generatorTraced) break;
      const Eigen::Index m = std::min<Eigen::Index>(kMarkedSamples, t.fakeBefore.cols());
      // Arrows relative in length: the longest a tenth of the view's width.
      float longest = 0.0f;
      for (Eigen::Index i = 0; i < m; ++i) longest = std::max(longest, t.fakePush.col(i).norm());
      const float scale = longest > 0.0f && std::isfinite(longest) ? 0.1f * viewWidth / longest : 0.0f;
      const ImU32 arrow = IM_COL32(20, 20, 24, 230);
      for (Eigen::Index i = 0; i < m; ++i) {
        const ImVec2 a = point(t.fakeBefore, i, true);
        const float pushY = t.fakePush.rows() > 1 ? t.fakePush(1, i) : 0.0f;
        const float beforeY = t.fakeBefore.rows() > 1 ? t.fakeBefore(1, i) : 0.0f;
        const ImVec2 b = at(t.fakeBefore(0, i) + scale * t.fakePush(0, i), beforeY + scale * pushY, true);
        dl->AddLine(a, b, arrow, 1.5f);
        dl->AddCircleFilled(b, 2.0f, arrow, 6);
        ring(t.fakeBefore, i, colour(plane_style::kFakeFill, 0.6f), true);
        const ImVec2 after = point(t.fakeAfter, i, true);
        dl->AddCircleFilled(after, r * 0.6f, fakeRing, 10);
      }
      break;
    }
  }
  dl->PopClipRect();
}

void SlowMotion::drawControls(const std::shared_ptr<const Snapshot>& latest) {
  if (!active_) {
    if (ImGui::Button("Slow motion")) start(latest);
    tooltip(
        "One iteration as its five phases: the batch, G's samples, D's scores, D's update, G's update, each "
        "on the graph and the view (M; PageDown and PageUp move through them). The iteration is the "
        "trainer's "
        "own: the run goes on from it exactly.");
    return;
  }
  if (ImGui::Button("<##phase")) previous();
  tooltip("The phase before (PageUp).");
  ImGui::SameLine();
  ImGui::Text("phase %d / 5", static_cast<int>(phase_));
  ImGui::SameLine();
  if (ImGui::Button(">##phase")) next(latest);
  tooltip("The next phase; after the fifth, the next iteration (PageDown).");
  ImGui::SameLine();
  ImGui::Checkbox("auto", &autoAdvance_);
  tooltip("Move on by itself every two seconds.");
  ImGui::SameLine();
  if (ImGui::Button("End")) stop();
  tooltip("Leave slow motion (M); the run stays paused where it is.");
}

}  // namespace ganscope
