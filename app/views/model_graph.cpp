#include "app/views/model_graph.h"

#include <cmath>
#include <cstdio>

#include "app/views/plane_style.h"
#include "core/gan/config_names.h"

namespace ganscope {
namespace {

ImU32 colour(const glm::vec4& c, float alpha = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

constexpr ImU32 kCard = IM_COL32(250, 250, 247, 255);
constexpr ImU32 kInk = IM_COL32(25, 25, 30, 255);
constexpr ImU32 kMuted = IM_COL32(110, 110, 120, 255);
constexpr ImU32 kHighlight = IM_COL32(230, 160, 20, 255);
constexpr ImU32 kGradient = IM_COL32(200, 40, 60, 255);

// A node: a rounded box with a title and a value line, its border thick when highlighted.
struct Node {
  ImVec2 min, max;
  ImVec2 left() const { return {min.x, (min.y + max.y) * 0.5f}; }
  ImVec2 right() const { return {max.x, (min.y + max.y) * 0.5f}; }
  ImVec2 bottom() const { return {(min.x + max.x) * 0.5f, max.y}; }
  ImVec2 top() const { return {(min.x + max.x) * 0.5f, min.y}; }
};

void drawNode(ImDrawList* dl, const Node& n, ImU32 fill, const char* title, const char* value, bool lit) {
  const float font = ImGui::GetFontSize();
  dl->AddRectFilled(n.min, n.max, fill, font * 0.3f);
  dl->AddRect(n.min, n.max, lit ? kHighlight : IM_COL32(60, 60, 70, 255), font * 0.3f, 0, lit ? 3.5f : 1.2f);
  const ImVec2 t = ImGui::CalcTextSize(title);
  const float cx = (n.min.x + n.max.x) * 0.5f;
  const bool twoLines = value != nullptr && value[0] != '\0';
  const float top = twoLines ? n.min.y + font * 0.15f : (n.min.y + n.max.y - t.y) * 0.5f;
  dl->AddText(ImVec2(cx - t.x * 0.5f, top), kInk, title);
  if (twoLines) {
    const ImVec2 v = ImGui::CalcTextSize(value);
    dl->AddText(ImVec2(cx - v.x * 0.5f, top + font * 1.05f), kMuted, value);
  }
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float width) {
  dl->AddLine(a, b, c, width);
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1.0f) return;
  const float ux = dx / len, uy = dy / len, head = ImGui::GetFontSize() * 0.45f;
  dl->AddTriangleFilled(b, ImVec2(b.x - ux * head - uy * head * 0.5f, b.y - uy * head + ux * head * 0.5f),
                        ImVec2(b.x - ux * head + uy * head * 0.5f, b.y - uy * head - ux * head * 0.5f), c);
}

std::string number(double v) {
  if (!std::isfinite(v)) return "–";
  char text[32];
  std::snprintf(text, sizeof text, std::fabs(v) >= 100.0 ? "%.0f" : "%.3g", v);
  return text;
}

}  // namespace

std::optional<GraphNode> graphNodeAt(const std::vector<GraphNodeRect>& nodes, ImVec2 point) {
  for (const GraphNodeRect& n : nodes) {
    if (point.x >= n.rect.x && point.x <= n.rect.z && point.y >= n.rect.y && point.y <= n.rect.w)
      return n.node;
  }
  return std::nullopt;
}

float modelGraphHeight() {
  return ImGui::GetFontSize() * 6.4f;
}

std::vector<GraphNodeRect> drawModelGraph(ImDrawList* dl, ImVec2 origin, ImVec2 size, const Snapshot& s,
                                          GraphHighlight h) {
  const float font = ImGui::GetFontSize();
  dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(236, 236, 232, 240),
                    font * 0.3f);
  // Five columns: z, G, samples (fake above, real below), D, losses.
  const float pad = font * 0.5f, gap = font * 1.6f;
  const float w = (size.x - 2.0f * pad - 4.0f * gap) / 5.0f;
  const float boxH = font * 2.3f, rowTop = origin.y + pad, rowLow = origin.y + size.y - pad - boxH;
  const float mid = (rowTop + rowLow) * 0.5f;
  auto column = [&](int i) { return origin.x + pad + static_cast<float>(i) * (w + gap); };
  const Node z{{column(0), mid}, {column(0) + w, mid + boxH}};
  const Node g{{column(1), mid}, {column(1) + w, mid + boxH}};
  const Node fake{{column(2), rowTop}, {column(2) + w, rowTop + boxH}};
  const Node real{{column(2), rowLow}, {column(2) + w, rowLow + boxH}};
  const Node d{{column(3), mid}, {column(3) + w, mid + boxH}};
  const Node lossD{{column(4), rowTop}, {column(4) + w, rowTop + boxH}};
  const Node lossG{{column(4), rowLow}, {column(4) + w, rowLow + boxH}};

  const UpdateStats& st = s.lastStats;
  const bool batch = h == GraphHighlight::Batch, generate = h == GraphHighlight::Generate,
             score = h == GraphHighlight::Score, updD = h == GraphHighlight::UpdateDiscriminator,
             updG = h == GraphHighlight::UpdateGenerator;
  // Forward edges.
  const ImU32 edge = IM_COL32(60, 60, 70, 255);
  arrow(dl, z.right(), g.left(), generate ? kHighlight : edge, generate ? 3.0f : 1.5f);
  arrow(dl, g.right(), fake.left(), generate ? kHighlight : edge, generate ? 3.0f : 1.5f);
  arrow(dl, fake.right(), d.left(), score ? kHighlight : edge, score ? 3.0f : 1.5f);
  arrow(dl, real.right(), d.left(), score ? kHighlight : edge, score ? 3.0f : 1.5f);
  arrow(dl, d.right(), lossD.left(), updD ? kHighlight : edge, updD ? 3.0f : 1.5f);
  arrow(dl, d.right(), lossG.left(), updG ? kHighlight : edge, updG ? 3.0f : 1.5f);
  // The gradients flowing back: L_D to D (D's update), L_G through D to G (G's update; D is held fixed).
  const float back = origin.y + size.y - pad * 0.4f;
  const ImU32 gradD = updD ? kHighlight : kGradient, gradG = updG ? kHighlight : kGradient;
  dl->AddBezierCubic(lossD.bottom(), ImVec2(lossD.bottom().x, mid + boxH * 1.2f),
                     ImVec2(d.bottom().x + w * 0.3f, mid + boxH * 1.6f),
                     ImVec2(d.bottom().x + w * 0.15f, d.max.y), gradD, updD ? 3.0f : 1.5f);
  dl->AddBezierCubic(lossG.left(), ImVec2(lossG.left().x - gap, back), ImVec2(g.bottom().x, back), g.bottom(),
                     gradG, updG ? 3.0f : 1.5f);
  arrow(dl, ImVec2(g.bottom().x, g.max.y + font * 0.6f), g.bottom(), gradG, updG ? 3.0f : 1.5f);

  const std::string noise =
      std::string(enumName(s.config.latent.dist)) + ", " + std::to_string(s.config.latent.dim) + "D";
  drawNode(dl, z, kCard, "noise z", noise.c_str(), batch);
  drawNode(dl, g, colour(plane_style::kFakeFill, 0.25f), "G", nullptr, generate || updG);
  // D's mean score on each kind, inside its node.
  const std::string dFake = "D " + number(st.dFake), dReal = "D " + number(st.dReal);
  drawNode(dl, fake, colour(plane_style::kFakeFill, 0.18f), "fake G(z)", dFake.c_str(), generate || score);
  drawNode(dl, real, colour(plane_style::kRealFill, 0.2f), "real x", dReal.c_str(), batch || score);
  drawNode(dl, d, colour(plane_style::kFieldMid), "D", nullptr, score || updD);
  const std::string ld = "L_D = " + number(st.lossD), lg = "L_G = " + number(st.lossG);
  drawNode(dl, lossD, kCard, ld.c_str(), ("‖∇D‖ " + number(st.gradNormD)).c_str(), updD);
  drawNode(dl, lossG, kCard, lg.c_str(), ("‖∇G‖ " + number(st.gradNormG)).c_str(), updG);
  const auto rect = [](const Node& n) { return ImVec4(n.min.x, n.min.y, n.max.x, n.max.y); };
  return {{GraphNode::Noise, rect(z)},         {GraphNode::Generator, rect(g)},
          {GraphNode::Fake, rect(fake)},       {GraphNode::Real, rect(real)},
          {GraphNode::Discriminator, rect(d)}, {GraphNode::LossD, rect(lossD)},
          {GraphNode::LossG, rect(lossG)}};
}

}  // namespace ganscope
