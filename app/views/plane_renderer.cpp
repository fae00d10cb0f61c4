#include "app/views/plane_renderer.h"

#include <GL/glcorearb.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <string>

#include "app/views/plane_style.h"

namespace ganscope {

namespace {

// The arrow template (see shaders/arrows.vert): a shaft quad from the tail to the head's base, and the head.
constexpr std::array<float, 9 * 4> kArrowTemplate = {
    0, 0,  -1, 0,  1, -1, -1, 0, 1, -1, 1, 0,   // shaft, first triangle
    0, 0,  -1, 0,  1, -1, 1,  0, 0, 0,  1, 0,   // shaft, second triangle
    1, -1, 0,  -1, 1, 0,  0,  0, 1, -1, 0, 1};  // head

// The area of the quadrilateral a-b-c-d: half the cross product of its diagonals.
float quadArea(glm::vec2 a, glm::vec2 b, glm::vec2 c, glm::vec2 d) {
  const glm::vec2 p = c - a, q = d - b;
  return 0.5f * std::abs(p.x * q.y - p.y * q.x);
}

}  // namespace

PlaneRenderer::PlaneRenderer()
    : fieldProgram_(ShaderProgram::fromEmbedded("field.vert", "field.frag")),
      pointsProgram_(ShaderProgram::fromEmbedded("points.vert", "points.frag")),
      manifoldProgram_(ShaderProgram::fromEmbedded("manifold.vert", "manifold.frag")),
      arrowsProgram_(ShaderProgram::fromEmbedded("arrows.vert", "arrows.frag")),
      pictures_{Framebuffer(plane_style::kMultisamples), Framebuffer(plane_style::kMultisamples)} {
  // The colormap is built once on the CPU from plane_style::fieldColor, so legends and the picture agree.
  std::vector<std::uint8_t> lut;
  for (int i = 0; i < plane_style::kColormapSize; ++i) {
    const std::array<std::uint8_t, 4> texel = plane_style::colormapTexel(i);
    lut.insert(lut.end(), texel.begin(), texel.end());
  }
  colormap_.uploadRgba8(plane_style::kColormapSize, 1, lut);

  pointVao_.setFloatAttribute(0, pointBuffer_, 2, 2 * sizeof(float), 0);
  manifoldVao_.setFloatAttribute(0, manifoldBuffer_, 2, 3 * sizeof(float), 0);
  manifoldVao_.setFloatAttribute(1, manifoldBuffer_, 1, 3 * sizeof(float), 2 * sizeof(float));
  arrowTemplate_.upload(std::span<const float>(kArrowTemplate));
  arrowVao_.setFloatAttribute(0, arrowTemplate_, 4, 4 * sizeof(float), 0);
  arrowVao_.setFloatAttribute(1, arrowInstances_, 4, 4 * sizeof(float), 0, 1);
  glBindVertexArray(0);
}

void PlaneRenderer::setPictureOnCpu(bool onCpu) {
  if (onCpu && !pictureOnCpu_) fieldRevision_ = samplesRevision_ = manifoldRevision_ = std::nullopt;
  pictureOnCpu_ = onCpu;
}

// [SECTION] Uploads, each only when its group's revision changed

void PlaneRenderer::uploadField(const PlaneScene& scene) {
  fieldRevision_ = scene.fieldRevision;
  const auto cells = static_cast<std::size_t>(std::max(scene.fieldWidth, 0)) *
                     static_cast<std::size_t>(std::max(scene.fieldHeight, 0));
  hasField_ = cells > 0 && scene.field.size() == cells;
  if (!hasField_) return;
  fieldTexture_.uploadR32F(scene.fieldWidth, scene.fieldHeight, scene.field);
  if (pictureOnCpu_) fieldValues_ = scene.field;
  fieldWidth_ = scene.fieldWidth;
  fieldHeight_ = scene.fieldHeight;
  fieldBounds_ = scene.view;
}

void PlaneRenderer::uploadSamples(const PlaneScene& scene) {
  samplesRevision_ = scene.samplesRevision;
  staging_.clear();
  for (const auto* group : {&scene.real, &scene.fake})
    for (const glm::vec2 p : *group) staging_.insert(staging_.end(), {p.x, p.y});
  pointBuffer_.upload(std::span<const float>(staging_));
  if (pictureOnCpu_) pointPositions_ = staging_;
  realCount_ = static_cast<int>(scene.real.size());
  fakeCount_ = static_cast<int>(scene.fake.size());
}

void PlaneRenderer::uploadManifold(const PlaneScene& scene) {
  manifoldRevision_ = scene.manifoldRevision;
  manifoldTriangleVertices_ = manifoldLineVertices_ = 0;
  const int columns = scene.manifoldColumns, rows = scene.manifoldRows;
  if (columns < 2 || rows < 2 ||
      scene.manifold.size() != static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows))
    return;
  const auto at = [&](int row, int column) {
    return scene.manifold[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) +
                          static_cast<std::size_t>(column)];
  };

  // A cell's density is ∝ 1 / its area (all latent cells have the same area); shade it relative to the median
  // cell, so the picture is independent of zoom and of the data's scale: factor = median / (median + area),
  // which is ½ for a typical cell, → 1 where G concentrates and → 0 where it stretches thin.
  cellAreas_.clear();
  for (int r = 0; r + 1 < rows; ++r)
    for (int c = 0; c + 1 < columns; ++c)
      cellAreas_.push_back(quadArea(at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)));
  staging_.assign(cellAreas_.begin(), cellAreas_.end());
  const auto middle = staging_.begin() + static_cast<std::ptrdiff_t>(staging_.size() / 2);
  std::nth_element(staging_.begin(), middle, staging_.end());
  const float median = *middle;

  staging_.clear();
  std::size_t cell = 0;
  for (int r = 0; r + 1 < rows; ++r) {
    for (int c = 0; c + 1 < columns; ++c, ++cell) {
      const float area = cellAreas_[cell];
      const float alpha = median + area > 0.0f ? median / (median + area) : 1.0f;
      const glm::vec2 a = at(r, c), b = at(r, c + 1), d = at(r + 1, c + 1), e = at(r + 1, c);
      for (const glm::vec2 p : {a, b, d, a, d, e}) staging_.insert(staging_.end(), {p.x, p.y, alpha});
    }
  }
  manifoldTriangleVertices_ = static_cast<int>(staging_.size() / 3);
  const auto segment = [&](glm::vec2 p, glm::vec2 q) {
    staging_.insert(staging_.end(), {p.x, p.y, 1.0f, q.x, q.y, 1.0f});
  };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c + 1 < columns; ++c) segment(at(r, c), at(r, c + 1));
  for (int c = 0; c < columns; ++c)
    for (int r = 0; r + 1 < rows; ++r) segment(at(r, c), at(r + 1, c));
  manifoldLineVertices_ = static_cast<int>(staging_.size() / 3) - manifoldTriangleVertices_;
  manifoldBuffer_.upload(std::span<const float>(staging_));
  if (pictureOnCpu_) manifoldVertices_ = staging_;
}

void PlaneRenderer::uploadArrows(const PlaneScene& scene) {
  arrowsRevision_ = scene.arrowsRevision;
  const std::size_t count = std::min(scene.arrowTails.size(), scene.arrowHeads.size());
  staging_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    const glm::vec2 tail = scene.arrowTails[i], head = scene.arrowHeads[i];
    staging_.insert(staging_.end(), {tail.x, tail.y, head.x, head.y});
  }
  arrowInstances_.upload(std::span<const float>(staging_));
  arrowCount_ = static_cast<int>(count);
}

void PlaneRenderer::uploadNetworks(const PlaneScene& scene) {
  if (!fieldMlpProgram_) {
    const std::string defines = GpuMlp::shaderDefines();
    fieldMlpProgram_.emplace(ShaderProgram::fromEmbedded("field.vert", "field_mlp.frag", defines));
    cloudProgram_.emplace(ShaderProgram::fromEmbedded("generator_cloud.vert", "points.frag", defines));
  }
  // Weights go up only when they change (the view bumps the revisions when a snapshot brings new ones).
  if (scene.discriminator && discriminatorRevision_ != scene.discriminatorRevision) {
    discriminatorGpu_.upload(*scene.discriminator);
    discriminatorRevision_ = scene.discriminatorRevision;
  }
  if (scene.generator && generatorRevision_ != scene.generatorRevision) {
    generatorGpu_.upload(*scene.generator);
    generatorRevision_ = scene.generatorRevision;
  }
  if (scene.latentCloud && latentRevision_ != scene.latentRevision) {
    const Matrix& latent = *scene.latentCloud;
    latentBuffer_.upload(latent.data(), static_cast<std::size_t>(latent.size()) * sizeof(float));
    latentVao_.emplace();  // a fresh array: attributes of a wider latent space must not linger
    GpuMlp::setInputAttributes(*latentVao_, latentBuffer_, static_cast<int>(latent.rows()));
    latentCount_ = static_cast<int>(latent.cols());
    latentRevision_ = scene.latentRevision;
  }
}

// [SECTION] Drawing

void PlaneRenderer::setView(const ShaderProgram& program) const {
  program.setVec2("uViewMin", {static_cast<float>(view_.xMin), static_cast<float>(view_.yMin)});
  program.setVec2("uViewMax", {static_cast<float>(view_.xMax), static_cast<float>(view_.yMax)});
}

// Binds `picture` for drawing with the plane's GL state, and on destruction gives back the framebuffer bindings
// and viewport it found.
class PlaneRenderer::DrawingInto {
 public:
  explicit DrawingInto(const Framebuffer& picture) {
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousDraw_);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead_);
    glGetIntegerv(GL_VIEWPORT, previousViewport_.data());
    picture.bind();
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_FRAMEBUFFER_SRGB);
    glEnable(GL_MULTISAMPLE);
    glEnable(GL_PROGRAM_POINT_SIZE);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Colours blend over what is there; alpha accumulates towards 1, so the picture stays opaque.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  }
  ~DrawingInto() {
    glBindVertexArray(0);
    glUseProgram(0);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(previousDraw_));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead_));
    glViewport(previousViewport_[0], previousViewport_[1], previousViewport_[2], previousViewport_[3]);
  }
  DrawingInto(const DrawingInto&) = delete;
  DrawingInto& operator=(const DrawingInto&) = delete;

 private:
  GLint previousDraw_ = 0, previousRead_ = 0;
  std::array<GLint, 4> previousViewport_{};
};

void PlaneRenderer::render(const PlaneScene& scene, int widthPx, int heightPx) {
  beginPicture(scene, widthPx, heightPx);
  finishPicture(scene);
}

void PlaneRenderer::beginPicture(const PlaneScene& scene, int widthPx, int heightPx) {
  if (widthPx <= 0 || heightPx <= 0) return;
  Framebuffer& picture = pictures_[1 - shown_];
  picture.resize(widthPx, heightPx);
  if (fieldRevision_ != scene.fieldRevision) uploadField(scene);
  if (samplesRevision_ != scene.samplesRevision) uploadSamples(scene);
  if (manifoldRevision_ != scene.manifoldRevision) uploadManifold(scene);
  if (arrowsRevision_ != scene.arrowsRevision) uploadArrows(scene);
  if (scene.fieldPath == FieldPath::Gpu) uploadNetworks(scene);
  view_ = scene.view;
  pending_ = true;

  const float scale = pixelScale(heightPx);
  cpuPending_ = pictureOnCpu_ && scene.fieldPath != FieldPath::Gpu && picture.samples() == 1;
  if (cpuPending_) {
    // The whole picture in this half: the CPU's layers, uploaded, and the arrows over them; the other half
    // only shows it, so the frame that shows it (copying it to the window) carries nothing else.
    drawBackLayersOnCpu(scene, widthPx, heightPx, scale);
    drawSamplesOnCpuAndUpload(scene, picture);
    const DrawingInto drawing(picture);
    if (viewValid() && scene.layers.arrows) drawArrows(scale, picture.width(), picture.height());
    return;
  }
  const DrawingInto drawing(picture);
  const glm::vec4 background = plane_style::kBackground;
  glClearColor(background.r, background.g, background.b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (!viewValid()) return;
  if (scene.layers.field || scene.layers.contour) {
    fieldTimer_.begin();
    if (scene.fieldPath == FieldPath::Gpu && discriminatorGpu_.loaded())
      drawFieldPerPixel(scene, scale);
    else if (scene.fieldPath != FieldPath::Gpu && hasField_)
      drawField(scene, scale);
    fieldTimer_.end();
  }
  if (scene.layers.manifold) drawManifold();
}

void PlaneRenderer::finishPicture(const PlaneScene& scene) {
  if (!pending_) return;
  pending_ = false;
  Framebuffer& picture = pictures_[1 - shown_];
  if (!cpuPending_) {
    const DrawingInto drawing(picture);
    if (viewValid()) {
      const float scale = pixelScale(picture.height());
      drawPoints(scene, scale);
      if (scene.layers.arrows) drawArrows(scale, picture.width(), picture.height());
    }
    picture.resolve();
  }
  shown_ = 1 - shown_;
}

bool PlaneRenderer::viewValid() const { return view_.xMax > view_.xMin && view_.yMax > view_.yMin; }

// Sizes in pixels are given at the reference height and grow with taller pictures (projectors, HiDPI).
float PlaneRenderer::pixelScale(int heightPx) {
  return std::max(1.0f, static_cast<float>(heightPx) / plane_style::kReferenceHeightPx);
}

void PlaneRenderer::setShading(const ShaderProgram& program, const PlaneScene& scene, float scale) const {
  program.setInt("uShowField", scene.layers.field ? 1 : 0);
  program.setInt("uShowContour", scene.layers.contour ? 1 : 0);
  program.setVec4("uContourColor", plane_style::kContour);
  program.setFloat("uContourWidthPx", plane_style::kContourWidthPx * scale);
  colormap_.bind(1);
  program.setInt("uColormap", 1);
}

void PlaneRenderer::drawField(const PlaneScene& scene, float scale) {
  fieldProgram_.use();
  setView(fieldProgram_);
  fieldProgram_.setVec2("uFieldMin",
                        {static_cast<float>(fieldBounds_.xMin), static_cast<float>(fieldBounds_.yMin)});
  fieldProgram_.setVec2("uFieldMax",
                        {static_cast<float>(fieldBounds_.xMax), static_cast<float>(fieldBounds_.yMax)});
  setShading(fieldProgram_, scene, scale);
  fieldTexture_.bind(0);
  fieldProgram_.setInt("uField", 0);
  fieldVao_.bind();
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void PlaneRenderer::drawBackLayersOnCpu(const PlaneScene& scene, int widthPx, int heightPx, float scale) {
  const auto start = std::chrono::steady_clock::now();
  if (viewValid() && hasField_ && (scene.layers.field || scene.layers.contour)) {
    FieldPictureInput input;
    input.field = fieldValues_;
    input.fieldWidth = fieldWidth_;
    input.fieldHeight = fieldHeight_;
    input.fieldBounds = fieldBounds_;
    input.view = view_;
    input.width = widthPx;
    input.height = heightPx;
    input.showField = scene.layers.field;
    input.showContour = scene.layers.contour;
    input.contourWidthPx = plane_style::kContourWidthPx * scale;
    cpuPicture_.beginWithField(fieldPicture_, input);
  } else {
    cpuPicture_.beginWithBackground(widthPx, heightPx);
  }
  if (viewValid() && scene.layers.manifold && manifoldTriangleVertices_ > 0) {
    const std::span<const float> vertices(manifoldVertices_);
    const auto triangles = static_cast<std::size_t>(manifoldTriangleVertices_) * 3;
    cpuPicture_.fillTriangles(vertices.first(triangles), view_, plane_style::kManifoldFill);
    cpuPicture_.drawLines(vertices.subspan(triangles), view_, plane_style::kManifoldLine);
  }
  lastCpuPictureMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void PlaneRenderer::drawSamplesOnCpuAndUpload(const PlaneScene& scene, Framebuffer& picture) {
  const auto start = std::chrono::steady_clock::now();
  if (viewValid()) {
    const float scale = pixelScale(picture.height());
    const std::span<const float> positions(pointPositions_);
    const auto realFloats = static_cast<std::size_t>(realCount_) * 2;
    if (scene.layers.real && realCount_ > 0) {
      cpuPicture_.drawSprites(positions.first(realFloats), view_,
                              {false, plane_style::kRealDiameterPx * scale, plane_style::kRealOutlinePx * scale,
                               plane_style::kRealFill, plane_style::kRealOutline});
    }
    if (scene.layers.fake && fakeCount_ > 0) {
      cpuPicture_.drawSprites(positions.subspan(realFloats), view_,
                              {true, plane_style::kFakeDiagonalPx * scale, plane_style::kFakeOutlinePx * scale,
                               plane_style::kFakeFill, plane_style::kFakeOutline});
    }
  }
  picture.uploadColor(cpuPicture_.bytes());
  lastCpuPictureMs_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void PlaneRenderer::drawFieldPerPixel(const PlaneScene& scene, float scale) {
  const ShaderProgram& program = *fieldMlpProgram_;
  program.use();
  setView(program);
  // The quad covers the whole view: every pixel evaluates D at its own centre.
  program.setVec2("uFieldMin", {static_cast<float>(view_.xMin), static_cast<float>(view_.yMin)});
  program.setVec2("uFieldMax", {static_cast<float>(view_.xMax), static_cast<float>(view_.yMax)});
  setShading(program, scene, scale);
  program.setInt("uMapping", static_cast<int>(scene.fieldMapping.kind));
  program.setFloat("uCentre", scene.fieldMapping.centre);
  program.setFloat("uScale", scene.fieldMapping.scale);
  discriminatorGpu_.bind(program, 2);
  fieldVao_.bind();
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void PlaneRenderer::drawCloud(float scale) {
  const ShaderProgram& program = *cloudProgram_;
  program.use();
  setView(program);
  const float extentPx = plane_style::kCloudDiagonalPx * scale;
  program.setInt("uShape", 1);
  program.setFloat("uOutlinePx", 0.0f);
  program.setFloat("uSpritePx", std::ceil(extentPx) + 2.0f);
  program.setFloat("uRadiusPx", 0.5f * extentPx);
  program.setVec4("uFill", plane_style::kCloudFill);
  program.setVec4("uOutline", plane_style::kCloudFill);
  generatorGpu_.bind(program, 2);
  latentVao_->bind();
  glDrawArrays(GL_POINTS, 0, latentCount_);
}

void PlaneRenderer::drawManifold() {
  if (manifoldTriangleVertices_ == 0) return;
  manifoldProgram_.use();
  setView(manifoldProgram_);
  manifoldVao_.bind();
  manifoldProgram_.setVec4("uColor", plane_style::kManifoldFill);
  glDrawArrays(GL_TRIANGLES, 0, manifoldTriangleVertices_);
  manifoldProgram_.setVec4("uColor", plane_style::kManifoldLine);
  glDrawArrays(GL_LINES, manifoldTriangleVertices_, manifoldLineVertices_);
}

void PlaneRenderer::drawPoints(const PlaneScene& scene, float scale) {
  const bool cloud = scene.fieldPath == FieldPath::Gpu && scene.layers.fake && generatorGpu_.loaded() &&
                     latentVao_ && latentCount_ > 0;
  const bool real = scene.layers.real && realCount_ > 0;
  const bool fake = !cloud && scene.layers.fake && fakeCount_ > 0;
  if (cloud) {
    cloudTimer_.begin();
    drawCloud(scale);
    cloudTimer_.end();
  }
  if (!real && !fake) return;
  pointsProgram_.use();
  setView(pointsProgram_);
  pointVao_.bind();
  // The sprite is the shape plus a pixel on each side for the anti-aliased edge.
  const auto drawGroup = [&](int shape, float extentPx, float outlinePx, glm::vec4 fill, glm::vec4 outline,
                             int first, int count) {
    pointsProgram_.setInt("uShape", shape);
    pointsProgram_.setFloat("uOutlinePx", outlinePx);
    pointsProgram_.setFloat("uSpritePx", std::ceil(extentPx) + 2.0f);
    pointsProgram_.setFloat("uRadiusPx", 0.5f * extentPx);
    pointsProgram_.setVec4("uFill", fill);
    pointsProgram_.setVec4("uOutline", outline);
    glDrawArrays(GL_POINTS, first, count);
  };
  if (real)
    drawGroup(0, plane_style::kRealDiameterPx * scale, plane_style::kRealOutlinePx * scale,
              plane_style::kRealFill, plane_style::kRealOutline, 0, realCount_);
  if (fake)
    drawGroup(1, plane_style::kFakeDiagonalPx * scale, plane_style::kFakeOutlinePx * scale,
              plane_style::kFakeFill, plane_style::kFakeOutline, realCount_, fakeCount_);
}

void PlaneRenderer::drawArrows(float scale, int widthPx, int heightPx) {
  if (arrowCount_ == 0) return;
  arrowsProgram_.use();
  setView(arrowsProgram_);
  arrowsProgram_.setVec2("uViewportPx", {static_cast<float>(widthPx), static_cast<float>(heightPx)});
  arrowsProgram_.setFloat("uShaftHalfWidthPx", 0.5f * plane_style::kArrowShaftWidthPx * scale);
  arrowsProgram_.setFloat("uHeadLengthPx", plane_style::kArrowHeadLengthPx * scale);
  arrowsProgram_.setFloat("uHeadHalfWidthPx", 0.5f * plane_style::kArrowHeadWidthPx * scale);
  arrowsProgram_.setVec4("uColor", plane_style::kArrow);
  arrowVao_.bind();
  glDrawArraysInstanced(GL_TRIANGLES, 0, 9, arrowCount_);
}

}  // namespace ganscope
