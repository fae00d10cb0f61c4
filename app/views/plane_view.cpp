#include "app/views/plane_view.h"

#include <GL/glcorearb.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/views/metric_plot.h"
#include "app/views/view_limits.h"
#include "core/gan/gan_loss.h"
#include "core/gan/metrics_evaluator.h"

namespace ganscope {
namespace {

constexpr int kManifoldCells = 24;     // GAN Lab draws 20 × 20
constexpr int kArrowCount = 160;       // generated samples that get an arrow
constexpr double kArrowLength = 0.07;  // the longest arrow, as a fraction of the view's width

// The latent coordinates of the manifold's grid lines: equal-probability quantiles, so every cell of the latent grid
// holds the same mass and the density G gives a cell is ∝ 1 / its area on the plane.
std::vector<float> latentGridLines(LatentDistribution dist) {
  std::vector<float> lines;
  for (int i = 0; i <= kManifoldCells; ++i) {
    const double p = (i + 1.0) / (kManifoldCells + 2.0);
    lines.push_back(static_cast<float>(latentQuantile(dist, p)));
  }
  return lines;
}

// Whether D's output is shown relative to a centre and a scale (WGAN, hinge) rather than as a probability.
bool showsCentred(LossKind loss) { return !lossIsProbabilistic(loss) && loss != LossKind::Lsgan; }

glm::vec2 column2(const Matrix& m, Eigen::Index i) { return {m(0, i), m.rows() > 1 ? m(1, i) : 0.0f}; }

}  // namespace

float displayedDiscriminator(LossKind loss, float d, float centre, float scale) {
  switch (loss) {
    case LossKind::Minimax:
    case LossKind::NonSaturating: return 1.0f / (1.0f + std::exp(-d));
    case LossKind::Lsgan: return std::clamp(d, 0.0f, 1.0f);
    default: return 0.5f + 0.5f * std::clamp((d - centre) / std::max(scale, 1e-12f), -1.0f, 1.0f);
  }
}

void PlaneView::draw(const Snapshot& snapshot, ImVec2 size) {
  size.x = std::max(size.x, 64.0f);
  size.y = std::max(size.y, 64.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (drawing_ != nullptr && viewValid_) viewData_ = snapshot.config.data;  // drawing: the view stays put
  if (!viewValid_ || viewData_ != snapshot.config.data) fitView(snapshot, size.x / size.y);
  // Keep data units square whatever the window's shape.
  const double aspect = size.x / size.y;
  const double cx = 0.5 * (view_.xMin + view_.xMax), cy = 0.5 * (view_.yMin + view_.yMax);
  const double halfHeight = 0.5 * (view_.yMax - view_.yMin);
  const Bounds squared{cx - halfHeight * aspect, cx + halfHeight * aspect, cy - halfHeight, cy + halfHeight};
  if (!(squared == view_)) {
    view_ = squared;
    viewChanged_ = true;
  }

  ImGui::InvisibleButton("##plane", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  if (drawing_ != nullptr) {
    handleDrawing(origin, size);
  } else {
    handleInput(origin, size);
  }

  scene_.view = view_;
  scene_.layers = layers_;
  choosePath(snapshot);
  const auto now = std::chrono::steady_clock::now();
  bool batchComputed = false;
  if (sceneInterval_.count() > 0) {
    // Software rasterizer: everything in the picture is computed in the same frame, once per interval, so the
    // picture is drawn again once per interval rather than once for the field and once for the samples.
    if (sceneDue(snapshot, now)) {
      if (snapshot.version != samplesVersion_) {
        updateSamples(snapshot);
        updateManifold(snapshot);
        samplesVersion_ = snapshot.version;
      }
      updateArrows(snapshot);
      updateField(snapshot);
      fieldVersion_ = snapshot.version;
      lastScene_ = lastField_ = now;
      viewChanged_ = false;
      batchComputed = true;
    }
  } else {
    if (snapshot.version != samplesVersion_) {
      updateSamples(snapshot);
      updateManifold(snapshot);
      updateArrows(snapshot);
      samplesVersion_ = snapshot.version;
    } else if (viewChanged_) {
      updateArrows(snapshot);  // arrow lengths are relative to the view
    }
    if ((snapshot.version != fieldVersion_ || viewChanged_) && now - lastField_ >= fieldInterval_) {
      updateField(snapshot);
      fieldVersion_ = snapshot.version;
      lastField_ = now;
      viewChanged_ = false;
    }
  }

  // Redraw the offscreen picture only when something in it changed (dirty flags); otherwise show it again.
  const int width = static_cast<int>(size.x), height = static_cast<int>(size.y);
  const std::uint64_t revisions[4] = {scene_.fieldRevision, scene_.samplesRevision, scene_.manifoldRevision,
                                      scene_.arrowsRevision};
  const bool layersSame = std::memcmp(&drawnLayers_, &layers_, sizeof layers_) == 0;
  pictureRedrawn_ = false;
  pictureRect_ = ImVec4(origin.x, origin.y, origin.x + size.x, origin.y + size.y);
  const bool contentChanged = !std::equal(revisions, revisions + 4, drawnRevisions_) || !(drawnView_ == view_);
  // Batched (software): a batch's picture is begun in the frame after the batch was computed, so the CPU's work
  // and the rasterizer's fall in different frames; a pan does not add pictures between batches.
  const bool contentDue = sceneInterval_.count() > 0 ? beginDue_ : contentChanged;
  if (!contentChanged) beginDue_ = false;  // the batch brought nothing new to draw
  if (renderer_.picturePending()) {
    // The second half of the picture begun last frame; it is shown from this frame on.
    renderer_.finishPicture(scene_);
    pictureRedrawn_ = true;
  } else if (!drawnOnce_ || (contentChanged && contentDue) || width != drawnWidth_ || height != drawnHeight_ ||
             !layersSame) {
    // Software rasterizers draw the picture over two frames, so no frame carries all of it; the old one stays
    // shown meanwhile.
    if (sceneInterval_.count() > 0) {
      renderer_.beginPicture(scene_, width, height);
    } else {
      renderer_.render(scene_, width, height);
      pictureRedrawn_ = true;
    }
    beginDue_ = false;
    std::copy(revisions, revisions + 4, drawnRevisions_);
    drawnView_ = view_;
    drawnWidth_ = width;
    drawnHeight_ = height;
    drawnLayers_ = layers_;
    drawnOnce_ = true;
  }
  if (batchComputed) beginDue_ = true;
  if (pendingMarkers_ && !beginDue_ && !renderer_.picturePending()) {
    modeMarkers_.update(pendingMarkers_->version, *pendingMarkers_->data, pendingMarkers_->fake);
    pendingMarkers_.reset();
  }
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const bool pixelAligned = origin.x == std::floor(origin.x) && origin.y == std::floor(origin.y) && scale.x == 1.0f &&
                            scale.y == 1.0f && renderer_.width() == width && renderer_.height() == height;
  if (pixelAligned) {
    // Pixel for pixel: a copy of the picture's pixels, the cheapest way onto the window for a software rasterizer.
    copy_ = {&renderer_, static_cast<int>(origin.x), static_cast<int>(origin.y)};
    drawList->AddCallback(&PlaneView::copyPicture, &copy_);
  } else {
    // Scaled (HiDPI) or between pixels: a textured quad. The picture is opaque, so it is drawn without blending.
    drawList->AddCallback([](const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }, nullptr);
    drawList->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(renderer_.colorTexture())), origin,
                       ImVec2(origin.x + size.x, origin.y + size.y), ImVec2(0, 1), ImVec2(1, 0));
  }
  drawList->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  drawOverlay(drawList, origin, size, snapshot);
  if (layers_.modes) modeMarkers_.drawPlane(drawList, origin, size, view_);
  if (drawing_ != nullptr) drawDrawing(drawList, origin, size);
}

bool PlaneView::sceneDue(const Snapshot& snapshot, std::chrono::steady_clock::time_point now) const {
  if (sceneInterval_.count() <= 0 || beginDue_ || renderer_.picturePending()) return false;
  const bool newData = snapshot.version != samplesVersion_ || snapshot.version != fieldVersion_;
  return (newData || viewChanged_) && now - lastScene_ >= sceneInterval_;
}

void PlaneView::handleDrawing(ImVec2 origin, ImVec2 size) {
  const ImGuiIO& io = ImGui::GetIO();
  const double unitsPerPixel = (view_.xMax - view_.xMin) / size.x;
  const double mx = view_.xMin + (io.MousePos.x - origin.x) * unitsPerPixel;
  const double my = view_.yMax - (io.MousePos.y - origin.y) * unitsPerPixel;
  pointerOverDrawing_ = ImGui::IsItemHovered() || ImGui::IsItemActive();
  if (ImGui::IsItemActivated()) {
    drawing_->beginStroke();
    stroking_ = true;
    dabbed_ = false;
  }
  if (ImGui::IsItemActive() && stroking_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Right)) {
      drawing_->erase(mx, my, brushRadius_);
    } else if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      // A dab where the pointer is, then one each time it has moved a third of the brush.
      const double dx = mx - lastDabX_, dy = my - lastDabY_;
      if (!dabbed_ || dx * dx + dy * dy >= brushRadius_ * brushRadius_ / 9.0) {
        drawing_->paint(mx, my, brushRadius_, density_);
        lastDabX_ = mx;
        lastDabY_ = my;
        dabbed_ = true;
      }
    }
  }
  if (ImGui::IsItemDeactivated() && stroking_) {
    stroking_ = false;
    strokeEnded_ = true;
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
    view_ = zoomedView(view_, mx, my, std::pow(1.15, -io.MouseWheel));
    viewChanged_ = true;
  }
}

void PlaneView::drawDrawing(ImDrawList* drawList, ImVec2 origin, ImVec2 size) const {
  // The drawing as it is (before the trainer has it): white dots with a dark rim, and the brush at the pointer.
  const double pixelsPerUnit = size.x / (view_.xMax - view_.xMin);
  drawList->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  const std::vector<double>& v = drawing_->values();
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
    const ImVec2 p(origin.x + static_cast<float>((v[i] - view_.xMin) * pixelsPerUnit),
                   origin.y + static_cast<float>((view_.yMax - v[i + 1]) * pixelsPerUnit));
    drawList->AddCircleFilled(p, 3.0f, IM_COL32(20, 20, 24, 255), 8);
    drawList->AddCircleFilled(p, 2.0f, IM_COL32(255, 255, 255, 255), 8);
  }
  if (pointerOverDrawing_) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float r = static_cast<float>(brushRadius_ * pixelsPerUnit);
    drawList->AddCircle(mouse, r, IM_COL32(20, 20, 24, 220), 32, 2.0f);
    drawList->AddCircle(mouse, r - 1.5f, IM_COL32(255, 255, 255, 200), 32, 1.0f);
  }
  drawList->PopClipRect();
}

void PlaneView::copyPicture(const ImDrawList*, const ImDrawCmd* command) {
  const PictureCopy& copy = *static_cast<const PictureCopy*>(command->UserCallbackData);
  const ImDrawData* data = ImGui::GetDrawData();
  // The part of the picture inside the command's clip rectangle (the damage being drawn), in window pixels from
  // the top left.
  const int w = copy.renderer->width(), h = copy.renderer->height();
  const ImVec4 clip = command->ClipRect;
  const int x0 = std::max(copy.left, static_cast<int>(std::floor(clip.x - data->DisplayPos.x)));
  const int y0 = std::max(copy.top, static_cast<int>(std::floor(clip.y - data->DisplayPos.y)));
  const int x1 = std::min(copy.left + w, static_cast<int>(std::ceil(clip.z - data->DisplayPos.x)));
  const int y1 = std::min(copy.top + h, static_cast<int>(std::ceil(clip.w - data->DisplayPos.y)));
  if (x1 <= x0 || y1 <= y0) return;
  const int windowHeight = static_cast<int>(data->DisplaySize.y);
  // The picture's rows and the window's count from the bottom.
  copy.renderer->copyShown(x0 - copy.left, h - (y1 - copy.top), x1 - copy.left, h - (y0 - copy.top), x0,
                           windowHeight - y1);
}

void PlaneView::fitView(const Snapshot& snapshot, double aspect) {
  const Bounds data = snapshot.data->bounds().padded(0.2).squared();
  const double cx = 0.5 * (data.xMin + data.xMax), cy = 0.5 * (data.yMin + data.yMax);
  const double half = 0.5 * (data.yMax - data.yMin);
  view_ = {cx - half * aspect, cx + half * aspect, cy - half, cy + half};
  viewValid_ = true;
  viewChanged_ = true;
  viewData_ = snapshot.config.data;
}

void PlaneView::handleInput(ImVec2 origin, ImVec2 size) {
  const ImGuiIO& io = ImGui::GetIO();
  const double unitsPerPixel = (view_.xMax - view_.xMin) / size.x;
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
    const double dx = -io.MouseDelta.x * unitsPerPixel, dy = io.MouseDelta.y * unitsPerPixel;
    if (dx != 0.0 || dy != 0.0) {
      view_ = pannedView(view_, dx, dy);
      viewChanged_ = true;
    }
  }
  if (ImGui::IsItemHovered()) {
    if (io.MouseWheel != 0.0f) {
      const double mx = view_.xMin + (io.MousePos.x - origin.x) * unitsPerPixel;
      const double my = view_.yMax - (io.MousePos.y - origin.y) * unitsPerPixel;
      view_ = zoomedView(view_, mx, my, std::pow(1.15, -io.MouseWheel));
      viewChanged_ = true;
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) resetView();
  }
}

void PlaneView::choosePath(const Snapshot& snapshot) {
  // Auto judges the GPU path once, by the GPU's own time for the pictures drawn on it.
  const GpuTimer& field = renderer_.fieldTimer();
  const GpuTimer& cloud = renderer_.cloudTimer();
  if (!gpuTooSlow_ && scene_.fieldPath == FieldPath::Gpu && fieldChoice_ == FieldChoice::Auto) {
    gpuPictureMs_ = field.meanMs() + cloud.meanMs();
    gpuTooSlow_ = gpuPicturesTooSlow(gpuPictureMs_, field.measured());
  }
  FieldPath path = resolveFieldPath(fieldChoice_, softwareRenderer_, gpuTooSlow_);
  fieldPathNote_.clear();
  if (fieldChoice_ == FieldChoice::Auto && gpuTooSlow_) {
    char note[160];
    std::snprintf(note, sizeof note, "auto: CPU, the GPU took %.0f ms a picture (budget %.0f ms)",
                  gpuPictureMs_, kGpuPictureBudgetMs);
    fieldPathNote_ = note;
  }
  if (path == FieldPath::Gpu) {
    std::string why = GpuMlp::unsupportedReason(*snapshot.discriminator);
    if (why.empty() && snapshot.generator->inputDim() > GpuMlp::kMaxInput)
      why = "a latent space of " + std::to_string(snapshot.generator->inputDim()) + " dimensions";
    if (why.empty()) why = GpuMlp::unsupportedReason(*snapshot.generator);
    if (!why.empty()) {
      path = FieldPath::Cpu;
      fieldPathNote_ = "GPU path off: " + why;
    }
  }
  if (path != scene_.fieldPath) {
    scene_.fieldPath = path;
    renderer_.resetTimers();
    // Everything that differs between the paths is computed again at once.
    fieldVersion_ = samplesVersion_ = -1;
    lastField_ = lastScene_ = {};
  }
}

FieldMapping PlaneView::mappingFor(const Snapshot& snapshot, const Matrix& values) const {
  FieldMapping mapping;
  const LossKind loss = snapshot.config.loss;
  if (!showsCentred(loss)) {
    if (loss == LossKind::Lsgan) mapping.kind = FieldMapping::Kind::Clamp;
    return mapping;
  }
  mapping.kind = FieldMapping::Kind::Centred;
  mapping.centre = 0.0f;  // hinge: the margin boundary d = 0
  if (loss == LossKind::Wgan || loss == LossKind::WganGp) {
    // A critic is defined up to a constant: centre on the midpoint of its means on real and fake samples.
    mapping.centre = static_cast<float>(0.5 * (snapshot.lastStats.dReal + snapshot.lastStats.dFake));
    if (!std::isfinite(mapping.centre)) mapping.centre = 0.0f;
  }
  // The scale: the 98th percentile of |d − centre| over the lattice.
  std::vector<float> deviation(static_cast<std::size_t>(values.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i) deviation[i] = std::abs(values(0, i) - mapping.centre);
  if (deviation.empty()) return mapping;
  const auto q = deviation.begin() + static_cast<std::ptrdiff_t>(deviation.size() * 98 / 100);
  std::nth_element(deviation.begin(), q, deviation.end());
  mapping.scale = *q;
  return mapping;
}

int PlaneView::fieldLatticeSize(const Mlp& discriminator) {
  // About one multiply-add per parameter per point: D's of up to 20,000 parameters (2 × 128 and smaller) keep 128²
  // points (under 3 ms here); a D of 8 layers of 1,024 gets 8 × 8 points (16 ms) instead of 128² (2.2 s a picture).
  constexpr double kMultiplyAdds = 128.0 * 128.0 * 20000.0;
  const double perPoint = std::max<double>(1.0, static_cast<double>(discriminator.parameterCount()));
  const int side = static_cast<int>(std::sqrt(kMultiplyAdds / perPoint));
  return std::clamp(side, kMinFieldResolution, kFieldResolution);
}

void PlaneView::updateField(const Snapshot& snapshot) {
  const auto start = std::chrono::steady_clock::now();
  const Mlp& d = *snapshot.discriminator;
  const bool gpu = scene_.fieldPath == FieldPath::Gpu;
  // The GPU path evaluates D per pixel; the CPU only needs a coarse lattice for the WGAN/hinge scale.
  const int n = gpu ? kScaleLattice : fieldLatticeSize(d);
  if (d.inputDim() == 2) {
    fieldPoints_.resize(2, n * n);
    const double dx = (view_.xMax - view_.xMin) / n, dy = (view_.yMax - view_.yMin) / n;
    for (int row = 0; row < n; ++row) {
      for (int col = 0; col < n; ++col) {
        fieldPoints_(0, row * n + col) = static_cast<float>(view_.xMin + (col + 0.5) * dx);
        fieldPoints_(1, row * n + col) = static_cast<float>(view_.yMin + (row + 0.5) * dy);
      }
    }
    const bool needValues = !gpu || showsCentred(snapshot.config.loss);
    fieldValues_.resize(1, needValues ? n * n : 0);
    for (int first = 0; needValues && first < n * n; first += kFieldChunk) {
      const int count = std::min(kFieldChunk, n * n - first);
      fieldValues_.middleCols(first, count) = d.forward(fieldPoints_.middleCols(first, count), fieldWorkspace_);
    }
    const FieldMapping mapping = mappingFor(snapshot, fieldValues_);
    scene_.fieldMapping = mapping;
    if (gpu) {
      scene_.field.clear();
      scene_.fieldWidth = scene_.fieldHeight = 0;
      scene_.discriminator = snapshot.discriminator;
      if (discriminatorVersion_ != snapshot.version) ++scene_.discriminatorRevision;
      discriminatorVersion_ = snapshot.version;
    } else {
      scene_.discriminator.reset();
      scene_.fieldWidth = scene_.fieldHeight = n;
      scene_.field.resize(static_cast<std::size_t>(n) * n);
      for (Eigen::Index i = 0; i < fieldValues_.size(); ++i)
        scene_.field[i] = displayedDiscriminator(snapshot.config.loss, fieldValues_(0, i), mapping.centre, mapping.scale);
    }
  } else {
    scene_.fieldWidth = scene_.fieldHeight = n;
    scene_.field.assign(static_cast<std::size_t>(n) * n, 0.5f);
  }
  ++scene_.fieldRevision;
  const auto end = std::chrono::steady_clock::now();
  lastFieldMs_ = std::chrono::duration<double, std::milli>(end - start).count();
  fieldMs_.add(lastFieldMs_);
  fieldMs_.tick(end);
}

void PlaneView::updateCloud(const Snapshot& snapshot) {
  // G per vertex on a fixed cloud of latent vectors, drawn once per latent space (seeded: the same picture for the
  // same weights), so the CPU never evaluates G on 100,000 points.
  const int dim = snapshot.generator->inputDim();
  const LatentDistribution dist = snapshot.config.latent.dist;
  if (!scene_.latentCloud || dim != cloudDim_ || dist != cloudDist_) {
    auto cloud = std::make_shared<Matrix>(dim, kCloudSamples);
    Rng rng(kCloudSeed);
    sampleLatent(dist, rng, *cloud);
    scene_.latentCloud = std::move(cloud);
    cloudDim_ = dim;
    cloudDist_ = dist;
    ++scene_.latentRevision;
  }
  scene_.generator = snapshot.generator;
  if (generatorVersion_ != snapshot.version) ++scene_.generatorRevision;
  generatorVersion_ = snapshot.version;
}

void PlaneView::updateSamples(const Snapshot& snapshot) {
  const Matrix& real = *snapshot.realSamples;
  scene_.real.resize(real.cols());
  for (Eigen::Index i = 0; i < real.cols(); ++i) scene_.real[i] = column2(real, i);
  // The fixed metric batch through G: drawn as points on the CPU path, and on both paths what the mode markers
  // count (the GPU path draws its own 100,000-sample cloud instead).
  const Matrix& fake = snapshot.generator->forward(*snapshot.latentSamples, samplesWorkspace_);
  if (sceneInterval_.count() > 0) {
    // Batched: the markers change with the picture of these samples, in the frame that shows it (which draws
    // the plane again anyway), not two frames before it.
    pendingMarkers_ = PendingMarkers{snapshot.version, snapshot.data, fake};
  } else {
    modeMarkers_.update(snapshot.version, *snapshot.data, fake);
  }
  ++scene_.samplesRevision;
  if (scene_.fieldPath == FieldPath::Gpu) {
    scene_.fake.clear();
    updateCloud(snapshot);
    return;
  }
  scene_.generator.reset();
  scene_.fake.resize(fake.cols());
  for (Eigen::Index i = 0; i < fake.cols(); ++i) scene_.fake[i] = column2(fake, i);
}

void PlaneView::updateManifold(const Snapshot& snapshot) {
  const Mlp& g = *snapshot.generator;
  const int latentDim = g.inputDim();
  if (latentDim == 0 || g.outputDim() != 2) {
    scene_.manifold.clear();
    scene_.manifoldColumns = scene_.manifoldRows = 0;
    ++scene_.manifoldRevision;
    return;
  }
  const std::vector<float> lines = latentGridLines(snapshot.config.latent.dist);
  const int columns = static_cast<int>(lines.size());
  const int rows = latentDim >= 2 ? columns : 1;  // a 1D latent space maps to a curve
  latentGrid_.setZero(latentDim, columns * rows);  // dims beyond the first two stay 0: a 2D slice
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      latentGrid_(0, r * columns + c) = lines[c];
      if (latentDim >= 2) latentGrid_(1, r * columns + c) = lines[r];
    }
  }
  const Matrix& mapped = g.forward(latentGrid_, manifoldWorkspace_);
  scene_.manifoldColumns = columns;
  scene_.manifoldRows = rows;
  scene_.manifold.resize(mapped.cols());
  for (Eigen::Index i = 0; i < mapped.cols(); ++i) scene_.manifold[i] = column2(mapped, i);
  ++scene_.manifoldRevision;
}

void PlaneView::updateArrows(const Snapshot& snapshot) {
  const Mlp& g = *snapshot.generator;
  const Mlp& d = *snapshot.discriminator;
  scene_.arrowTails.clear();
  scene_.arrowHeads.clear();
  if (g.outputDim() == 2) {
    const Eigen::Index count = std::min<Eigen::Index>(kArrowCount, snapshot.latentSamples->cols());
    const Matrix& fake = g.forward(snapshot.latentSamples->leftCols(count), arrowsGenerator_);
    d.forward(fake, arrowsDiscriminator_);
    arrowOutputGrad_.resize(1, count);
    Eigen::Map<RowVector> grad(arrowOutputGrad_.data(), count);
    generatorLoss(snapshot.config.loss, Eigen::Map<const RowVector>(arrowsDiscriminator_.output().data(), count),
                  grad);
    d.backward(arrowsDiscriminator_, arrowOutputGrad_, nullptr, &arrowGrad_);
    // Each sample moves against ∂L_G/∂x; lengths are relative, the longest one kArrowLength of the view.
    const float longest = arrowGrad_.colwise().norm().maxCoeff();
    if (std::isfinite(longest) && longest > 0.0f) {
      const float scale = static_cast<float>(kArrowLength * (view_.xMax - view_.xMin)) / longest;
      for (Eigen::Index i = 0; i < count; ++i) {
        const glm::vec2 tail = column2(fake, i);
        scene_.arrowTails.push_back(tail);
        scene_.arrowHeads.push_back(tail - scale * glm::vec2(arrowGrad_(0, i), arrowGrad_(1, i)));
      }
    }
  }
  ++scene_.arrowsRevision;
}

void PlaneView::drawOverlay(ImDrawList* drawList, ImVec2 origin, ImVec2 size, const Snapshot& snapshot) const {
  (void)snapshot;
  const ImU32 tickColour = IM_COL32(235, 235, 235, 200);
  const ImU32 shadow = IM_COL32(0, 0, 0, 160);
  // Ticks on a 1-2-5 step, about 8 across (the charts' rule; 8 keeps labels half a unit apart on the ring).
  const double span = view_.xMax - view_.xMin;
  const double step = niceTickStep(span, 8);
  const float pixelsPerUnit = static_cast<float>(size.x / span);
  char label[32];
  for (double x = std::ceil(view_.xMin / step) * step; x <= view_.xMax; x += step) {
    const float px = origin.x + static_cast<float>((x - view_.xMin) * pixelsPerUnit);
    drawList->AddLine(ImVec2(px, origin.y + size.y - 6), ImVec2(px, origin.y + size.y), tickColour, 1.5f);
    std::snprintf(label, sizeof label, "%g", std::abs(x) < step / 2 ? 0.0 : x);
    drawList->AddText(ImVec2(px + 3, origin.y + size.y - 20), shadow, label);
    drawList->AddText(ImVec2(px + 2, origin.y + size.y - 21), tickColour, label);
  }
  for (double y = std::ceil(view_.yMin / step) * step; y <= view_.yMax; y += step) {
    const float py = origin.y + size.y - static_cast<float>((y - view_.yMin) * pixelsPerUnit);
    drawList->AddLine(ImVec2(origin.x, py), ImVec2(origin.x + 6, py), tickColour, 1.5f);
    std::snprintf(label, sizeof label, "%g", std::abs(y) < step / 2 ? 0.0 : y);
    drawList->AddText(ImVec2(origin.x + 9, py - 7), shadow, label);
    drawList->AddText(ImVec2(origin.x + 8, py - 8), tickColour, label);
  }
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::snprintf(label, sizeof label, "(%.3f, %.3f)", view_.xMin + (mouse.x - origin.x) / pixelsPerUnit,
                  view_.yMax - (mouse.y - origin.y) / pixelsPerUnit);
    drawList->AddText(ImVec2(origin.x + size.x - 130, origin.y + 6), tickColour, label);
  }
}

}  // namespace ganscope
