#include "app/views/metric_plot.h"

#include <array>

#include "app/views/fitted_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ganscope {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool usable(double v, bool logScale) {
  return std::isfinite(v) && (!logScale || v > 0.0);
}

// The y range of the data (and references), padded; on a log axis the range is of log10 values.
struct AxisRange {
  double lo = 0.0, hi = 1.0;
};

AxisRange yRangeOf(std::span<const PlotSeries> series, std::span<const PlotReference> references,
                   const PlotOptions& options) {
  const bool logScale = options.logScale;
  if (options.fixedRange) {
    if (logScale)
      return {std::log10(std::max(options.yMin, 1e-300)), std::log10(std::max(options.yMax, 1e-300))};
    return {options.yMin, options.yMax};
  }
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto take = [&](double v) {
    if (!usable(v, logScale)) return;
    const double t = logScale ? std::log10(v) : v;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  };
  for (const PlotSeries& s : series)
    for (double v : s.y) take(v);
  if (options.rangeIncludesReferences)
    for (const PlotReference& r : references) take(r.y);
  if (!(lo <= hi)) return logScale ? AxisRange{-1.0, 1.0} : AxisRange{0.0, 1.0};
  double span = hi - lo;
  if (span < 1e-12 * std::max(1.0, std::abs(hi))) span = logScale ? 1.0 : std::max(std::abs(hi) * 0.2, 1e-3);
  if (hi - lo < span) {
    const double mid = (lo + hi) / 2.0;
    lo = mid - span / 2.0;
    hi = mid + span / 2.0;
  }
  const double pad = 0.08 * (hi - lo);
  return {lo - pad, hi + pad};
}

// Formats a value for a log axis tick (a power of ten or a 2/5 multiple of one).
void formatLogTick(char* buffer, std::size_t size, double value) {
  const double e = std::floor(std::log10(value) + 1e-9);
  if (e >= -3 && e <= 4) {
    std::snprintf(buffer, size, "%g", value);
  } else {
    const double mantissa = value / std::pow(10.0, e);
    if (std::abs(mantissa - 1.0) < 1e-6)
      std::snprintf(buffer, size, "1e%d", static_cast<int>(e));
    else
      std::snprintf(buffer, size, "%.0fe%d", mantissa, static_cast<int>(e));
  }
}

}  // namespace

PlotStyle PlotStyle::current() {
  PlotStyle style;
  style.fontSize = ImGui::GetFontSize();
  style.lineWidth = std::max(2.0f, style.fontSize * 0.17f);
  style.thinLine = std::max(1.0f, style.fontSize * 0.07f);
  return style;
}

double niceTickStep(double range, int targetCount) {
  if (!(range > 0.0) || !std::isfinite(range)) return 1.0;
  const double raw = range / std::max(1, targetCount);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  const double nice = r < 1.5 ? 1.0 : r < 3.5 ? 2.0 : r < 7.5 ? 5.0 : 10.0;
  return nice * magnitude;
}

void formatTick(char* buffer, std::size_t bufferSize, double value, double step) {
  if (std::abs(value) < step * 1e-6) value = 0.0;
  const double a = std::abs(value);
  if (a >= 1e6 && step >= 1e5) {
    const int decimals = step >= 1e6 ? 0 : 1;
    std::snprintf(buffer, bufferSize, "%.*fM", decimals, value / 1e6);
  } else if (a >= 1e3 && step >= 100.0) {
    const int decimals = step >= 1e3 ? 0 : 1;
    std::snprintf(buffer, bufferSize, "%.*fk", decimals, value / 1e3);
  } else {
    const int decimals = step >= 1.0 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::snprintf(buffer, bufferSize, "%.*f", decimals, value);
  }
}

void addDashedPolyline(ImDrawList* drawList, const ImVec2* points, int count, ImU32 colour, float thickness,
                       float dash, float gap) {
  if (count < 2) return;
  const float period = dash + gap;
  float phase = 0.0f;  // distance travelled within the current period
  bool drawing = false;
  for (int i = 0; i + 1 < count; ++i) {
    const ImVec2 a = points[i], b = points[i + 1];
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (!(length > 0.0f)) continue;
    float t = 0.0f;  // distance already covered on this segment
    while (t < length) {
      const bool inDash = phase < dash;
      const float boundary = inDash ? dash : period;
      const float advance = std::min(boundary - phase, length - t);
      const ImVec2 p0(a.x + dx * (t / length), a.y + dy * (t / length));
      const ImVec2 p1(a.x + dx * ((t + advance) / length), a.y + dy * ((t + advance) / length));
      if (inDash) {
        if (!drawing) {
          drawList->PathLineTo(p0);
          drawing = true;
        }
        drawList->PathLineTo(p1);
      }
      t += advance;
      phase += advance;
      if (inDash && phase >= dash) {
        drawList->PathStroke(colour, ImDrawFlags_None, thickness);
        drawing = false;
      }
      if (phase >= period) phase -= period;
    }
  }
  if (drawing) drawList->PathStroke(colour, ImDrawFlags_None, thickness);
}

void addLabel(ImDrawList* drawList, ImVec2 pos, ImU32 colour, ImU32 background, const char* text) {
  const ImVec2 textSize = ImGui::CalcTextSize(text);
  const float pad = 3.0f;
  drawList->AddRectFilled(ImVec2(pos.x - pad, pos.y - 1.0f),
                          ImVec2(pos.x + textSize.x + pad, pos.y + textSize.y + 1.0f), background, 3.0f);
  drawList->AddText(pos, colour, text);
}

double MetricPlot::draw(ImDrawList* drawList, ImVec2 topLeft, ImVec2 size, std::span<const double> x,
                        std::span<const PlotSeries> series, std::span<const PlotReference> references,
                        const PlotOptions& options) {
  const PlotStyle style = PlotStyle::current();
  const float font = style.fontSize;
  const ImVec2 bottomRight(topLeft.x + size.x, topLeft.y + size.y);
  drawList->AddRectFilled(topLeft, bottomRight, style.card, 4.0f);
  if (size.x < 4.0f * font || size.y < 4.0f * font) return kNaN;

  // [SECTION] Header: the title (shortened to fit), then the legend.
  const float pad = std::round(font * 0.45f);
  const float swatchW = font * 1.4f, swatchGap = font * 0.3f, entryGap = font * 1.0f;
  const std::string title = fittedText(options.title, options.shortTitle, size.x - 2.0f * pad - options.titleReservePx);
  const float titleW = ImGui::CalcTextSize(title.c_str()).x;
  const float entryW = swatchW + swatchGap;  // plus the label's width
  // The legend's entries: the curves' names, then in a comparison "A" solid and "B" dashed.
  struct LegendEntry {
    const char* label;
    ImU32 colour;
    bool dashed;
  };
  std::array<LegendEntry, 10> entries{};
  std::size_t entryCount = 0;
  for (const PlotSeries& s : series) {
    const char* label = s.legend != nullptr ? s.legend : s.label;
    if (label[0] != '\0' && entryCount < entries.size()) entries[entryCount++] = {label, s.colour, s.dashed};
  }
  if (options.runsLegend && entryCount + 2 <= entries.size()) {
    entries[entryCount++] = {"A", style.mutedText, false};
    entries[entryCount++] = {"B", style.mutedText, true};
  }
  float legendW = 0.0f;
  for (std::size_t e = 0; e < entryCount; ++e) legendW += entryW + ImGui::CalcTextSize(entries[e].label).x + entryGap;
  legendW -= entryCount == 0 ? 0.0f : entryGap;
  const float headerY = topLeft.y + pad * 0.6f;
  const float right = bottomRight.x - pad;
  // The legend after the title when both fit on one row; else on the rows below, right-aligned when it fits
  // one row, else wrapped entry by entry (a narrow chart).
  const bool oneRow = pad + titleW + font * 1.2f + legendW <= size.x - pad - options.titleReservePx;
  const bool legendFitsRow = legendW <= size.x - 2.0f * pad;
  drawList->AddText(ImVec2(topLeft.x + pad, headerY), style.text, title.c_str());
  float cursor = oneRow ? topLeft.x + pad + titleW + font * 1.2f
                        : (legendFitsRow ? right - legendW : topLeft.x + pad);
  float legendY = oneRow ? headerY : headerY + font * 1.2f;
  int legendRows = entryCount == 0 ? 0 : 1;
  for (std::size_t e = 0; e < entryCount; ++e) {
    const LegendEntry& entry = entries[e];
    const float w = entryW + ImGui::CalcTextSize(entry.label).x;
    if (!oneRow && !legendFitsRow && cursor > topLeft.x + pad && cursor + w > right) {
      cursor = topLeft.x + pad;  // the next row
      legendY += font * 1.2f;
      ++legendRows;
    }
    const float swatchY = legendY + font * 0.5f;
    if (entry.dashed) {
      const ImVec2 swatch[2] = {ImVec2(cursor, swatchY), ImVec2(cursor + swatchW, swatchY)};
      addDashedPolyline(drawList, swatch, 2, entry.colour, style.lineWidth + 1.0f, font * 0.35f, font * 0.25f);
    } else {
      drawList->AddLine(ImVec2(cursor, swatchY), ImVec2(cursor + swatchW, swatchY), entry.colour,
                        style.lineWidth + 1.0f);
    }
    drawList->AddText(ImVec2(cursor + entryW, legendY), style.text, entry.label);
    cursor += w + entryGap;
  }
  const float headerH = (oneRow ? font * 1.5f : font * (1.5f + 1.2f * static_cast<float>(legendRows))) + pad;

  // [SECTION] Ranges and the plot area.
  const AxisRange yr = yRangeOf(series, references, options);
  const bool logScale = options.logScale;
  const std::size_t n = x.size();
  double xLo = n > 0 ? x.front() : 0.0, xHi = n > 0 ? x.back() : 1.0;
  if (!(xHi > xLo)) {  // a single step: show it in the middle
    xLo -= 0.5;
    xHi += 0.5;
  }

  // y ticks: 1-2-5 steps, or powers of ten (with 2 and 5 between them when the range is under two decades).
  double ticks[64];
  int tickCount = 0;
  double yStep = 1.0;
  if (!logScale) {
    const float plotHeightEstimate = size.y - headerH - font * 1.3f - pad;
    yStep = niceTickStep(yr.hi - yr.lo, std::max(2, static_cast<int>(plotHeightEstimate / (font * 1.7f))));
    // At least two labelled ticks, so the scale can be read: step down the 1-2-5 ladder until they fit.
    for (int attempt = 0; attempt < 3; ++attempt) {
      tickCount = 0;
      for (double t = std::ceil(yr.lo / yStep) * yStep; t <= yr.hi + yStep * 1e-9 && tickCount < 64;
           t += yStep)
        ticks[tickCount++] = t;
      if (tickCount >= 2) break;
      yStep = niceTickStep(yStep * 0.9, 2);
    }
  } else {
    // Powers of ten, every `every` decades so labels keep a line and a half apart; 2 and 5 between them when
    // each decade has room for three labels.
    const float plotHeightEstimate = size.y - headerH - font * 1.3f - pad;
    const double decades = std::max(yr.hi - yr.lo, 1e-6);
    const double pixelsPerDecade = plotHeightEstimate / decades;
    const int every = std::max(1, static_cast<int>(std::ceil(font * 1.4 / std::max(pixelsPerDecade, 1e-6))));
    // Under two labels, 2 and 5 are added anyway (a range within one decade).
    for (int withMultiples = pixelsPerDecade >= 3.0 * font * 1.4 ? 1 : 0; withMultiples < 2 && tickCount < 2;
         ++withMultiples) {
      tickCount = 0;
      for (double e = std::floor(yr.lo); e <= yr.hi && tickCount < 60; e += 1.0) {
        const int ie = static_cast<int>(e);
        if (ie % every != 0) continue;
        const double base = std::pow(10.0, e);
        const double factors[3] = {1.0, 2.0, 5.0};
        for (int m = 0; m < (withMultiples ? 3 : 1); ++m) {
          const double v = std::log10(base * factors[m]);
          if (v >= yr.lo && v <= yr.hi) ticks[tickCount++] = v;
        }
      }
    }
  }
  char label[48];
  float yLabelWidth = 0.0f;
  for (int i = 0; i < tickCount; ++i) {
    if (logScale)
      formatLogTick(label, sizeof label, std::pow(10.0, ticks[i]));
    else
      formatTick(label, sizeof label, ticks[i], yStep);
    yLabelWidth = std::max(yLabelWidth, ImGui::CalcTextSize(label).x);
  }

  const ImVec2 plotMin(topLeft.x + pad + yLabelWidth + font * 0.4f, topLeft.y + headerH);
  const ImVec2 plotMax(bottomRight.x - pad, bottomRight.y - font * 1.3f - pad * 0.6f);
  if (plotMax.x - plotMin.x < 2.0f * font || plotMax.y - plotMin.y < font) return kNaN;
  const float plotW = plotMax.x - plotMin.x, plotH = plotMax.y - plotMin.y;
  auto toX = [&](double v) { return plotMin.x + static_cast<float>((v - xLo) / (xHi - xLo)) * plotW; };
  auto toY = [&](double v) {
    const double t = logScale ? std::log10(v) : v;
    return plotMax.y - static_cast<float>((t - yr.lo) / (yr.hi - yr.lo)) * plotH;
  };
  drawList->AddRectFilled(plotMin, plotMax, style.plot);

  // [SECTION] Grid and tick labels.
  for (int i = 0; i < tickCount; ++i) {
    const float py = plotMax.y - static_cast<float>((ticks[i] - yr.lo) / (yr.hi - yr.lo)) * plotH;
    drawList->AddLine(ImVec2(plotMin.x, py), ImVec2(plotMax.x, py), style.grid, style.thinLine);
    if (logScale)
      formatLogTick(label, sizeof label, std::pow(10.0, ticks[i]));
    else
      formatTick(label, sizeof label, ticks[i], yStep);
    const ImVec2 ls = ImGui::CalcTextSize(label);
    drawList->AddText(ImVec2(plotMin.x - font * 0.3f - ls.x, py - ls.y * 0.5f), style.mutedText, label);
  }
  double xStep = niceTickStep(xHi - xLo, std::max(2, static_cast<int>(plotW / (font * 6.0f))));
  if (options.integerX) xStep = std::max(xStep, 1.0);
  for (double t = std::ceil(xLo / xStep) * xStep; t <= xHi + xStep * 1e-9; t += xStep) {
    const float px = toX(t);
    drawList->AddLine(ImVec2(px, plotMin.y), ImVec2(px, plotMax.y), style.grid, style.thinLine);
    drawList->AddLine(ImVec2(px, plotMax.y), ImVec2(px, plotMax.y + font * 0.25f), style.frame,
                      style.thinLine);
    formatTick(label, sizeof label, t, xStep);
    const ImVec2 ls = ImGui::CalcTextSize(label);
    const float lx = std::clamp(px - ls.x * 0.5f, plotMin.x - ls.x * 0.5f, plotMax.x - ls.x);
    drawList->AddText(ImVec2(lx, plotMax.y + font * 0.25f), style.mutedText, label);
  }

  drawList->PushClipRect(plotMin, plotMax, true);

  // [SECTION] Reference lines (dashed, under the curves; their labels go on top of the curves below).
  for (const PlotReference& r : references) {
    if (!usable(r.y, logScale)) continue;
    const float py = toY(r.y);
    if (py < plotMin.y - 1.0f || py > plotMax.y + 1.0f) continue;
    const ImVec2 ends[2] = {ImVec2(plotMin.x, py), ImVec2(plotMax.x, py)};
    addDashedPolyline(drawList, ends, 2, r.colour, style.lineWidth * 0.7f, font * 0.6f, font * 0.4f);
  }

  // [SECTION] Curves: straight through every point, or one min-max span per pixel column when there are many.
  const bool downsample = n > static_cast<std::size_t>(2.0f * plotW);
  for (const PlotSeries& s : series) {
    const std::size_t count = std::min(n, s.y.size());
    line_.clear();
    spans_.clear();
    spanX_.clear();
    auto flushLine = [&]() {
      if (line_.size() >= 2 && s.dashed)
        addDashedPolyline(drawList, line_.data(), static_cast<int>(line_.size()), s.colour, style.lineWidth,
                          font * 0.5f, font * 0.3f);
      else if (line_.size() >= 2)
        drawList->AddPolyline(line_.data(), static_cast<int>(line_.size()), s.colour, ImDrawFlags_None,
                              style.lineWidth);
      else if (line_.size() == 1)
        drawList->AddCircleFilled(line_.front(), style.lineWidth * 1.1f, s.colour);
      line_.clear();
    };
    int column = -1;
    double colMin = 0.0, colMax = 0.0, colLast = 0.0;
    auto flushColumn = [&]() {
      if (column < 0) return;
      const float px = plotMin.x + static_cast<float>(column) + 0.5f;
      line_.emplace_back(px, toY(colLast));
      const float top = toY(colMax), bottom = toY(colMin);
      if (bottom - top > 1.0f) {
        spans_.emplace_back(top, bottom);
        spanX_.push_back(px);
      }
      column = -1;
    };
    for (std::size_t i = 0; i < count; ++i) {
      const double v = s.y[i];
      if (!usable(v, logScale)) {
        flushColumn();
        flushLine();
        continue;
      }
      const float px = toX(x[i]);
      if (!downsample) {
        line_.emplace_back(px, toY(v));
        continue;
      }
      const int c = static_cast<int>(std::floor(px - plotMin.x));
      if (c != column) {
        flushColumn();
        column = c;
        colMin = colMax = v;
      }
      colMin = std::min(colMin, v);
      colMax = std::max(colMax, v);
      colLast = v;
    }
    flushColumn();
    flushLine();
    for (std::size_t k = 0; k < spans_.size(); ++k)
      drawList->AddLine(ImVec2(spanX_[k], spans_[k].x), ImVec2(spanX_[k], spans_[k].y), s.colour,
                        std::max(1.0f, style.lineWidth * 0.6f));
  }
  // Each label sits above its line, or below it when that is off the plot or would cover an earlier label.
  float placedTop[8], placedBottom[8];
  int placed = 0;
  for (const PlotReference& r : references) {
    if (!usable(r.y, logScale)) continue;
    const float py = toY(r.y);
    if (py < plotMin.y - 1.0f || py > plotMax.y + 1.0f) continue;
    const std::string text = fittedText(r.label, r.shortLabel, plotMax.x - plotMin.x - font * 0.8f);
    if (text.empty()) continue;
    const ImVec2 ls = ImGui::CalcTextSize(text.c_str());
    const float above = py - ls.y - 2.0f, below = py + 3.0f;
    auto clear = [&](float top) {
      if (top < plotMin.y || top + ls.y > plotMax.y) return false;
      for (int k = 0; k < placed; ++k)
        if (top < placedBottom[k] && top + ls.y > placedTop[k]) return false;
      return true;
    };
    const float ly = clear(above) ? above : clear(below) ? below : (above < plotMin.y ? below : above);
    if (placed < 8) {
      placedTop[placed] = ly;
      placedBottom[placed++] = ly + ls.y;
    }
    addLabel(drawList, ImVec2(plotMax.x - ls.x - font * 0.4f, ly), r.colour, IM_COL32(255, 255, 255, 200),
             text.c_str());
  }
  drawList->PopClipRect();
  drawList->AddRect(plotMin, plotMax, style.frame, 0.0f, ImDrawFlags_None, style.thinLine);

  // [SECTION] Hover: report the x under the mouse; draw the shared cursor and its readout.
  double hovered = kNaN;
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
      ImGui::IsMouseHoveringRect(plotMin, plotMax)) {
    const float mx = ImGui::GetMousePos().x;
    hovered = xLo + (xHi - xLo) * static_cast<double>((mx - plotMin.x) / plotW);
  }
  if (n > 0 && std::isfinite(options.cursorX) && options.cursorX >= xLo && options.cursorX <= xHi) {
    // The nearest x at or around the cursor.
    auto it = std::lower_bound(x.begin(), x.end(), options.cursorX);
    std::size_t index = static_cast<std::size_t>(it - x.begin());
    if (index >= n) index = n - 1;
    if (index > 0 && std::abs(x[index - 1] - options.cursorX) < std::abs(x[index] - options.cursorX)) --index;
    const float px = toX(x[index]);
    drawList->AddLine(ImVec2(px, plotMin.y), ImVec2(px, plotMax.y), IM_COL32(60, 60, 60, 200),
                      style.thinLine);

    char lines[9][64];
    int lineCount = 0;
    std::snprintf(lines[lineCount++], sizeof lines[0], "step %lld", static_cast<long long>(x[index]));
    float boxW = ImGui::CalcTextSize(lines[0]).x;
    const float swatch = font * 0.9f;
    for (const PlotSeries& s : series) {
      if (lineCount >= 9) break;
      char value[32];
      const double v = index < s.y.size() ? s.y[index] : kNaN;
      if (std::isfinite(v))
        std::snprintf(value, sizeof value, options.valueFormat, v);
      else
        std::snprintf(value, sizeof value, "-");
      std::snprintf(lines[lineCount], sizeof lines[0], "%s  %s", s.label, value);
      boxW = std::max(boxW, swatch + font * 0.3f + ImGui::CalcTextSize(lines[lineCount]).x);
      if (std::isfinite(v)) {
        const float py = toY(v);
        if (py >= plotMin.y && py <= plotMax.y)
          drawList->AddCircleFilled(ImVec2(px, py), style.lineWidth * 1.6f, s.colour);
      }
      ++lineCount;
    }
    const float lineH = font * 1.15f;
    const float boxH = lineH * static_cast<float>(lineCount) + pad;
    boxW += pad * 2.0f;
    float bx = px + font * 0.6f;
    if (bx + boxW > plotMax.x) bx = px - font * 0.6f - boxW;
    const float by = plotMin.y + font * 0.3f;
    drawList->AddRectFilled(ImVec2(bx, by), ImVec2(bx + boxW, by + boxH), IM_COL32(255, 255, 255, 235), 4.0f);
    drawList->AddRect(ImVec2(bx, by), ImVec2(bx + boxW, by + boxH), style.frame, 4.0f, ImDrawFlags_None,
                      style.thinLine);
    drawList->AddText(ImVec2(bx + pad, by + pad * 0.5f), style.text, lines[0]);
    for (int k = 1; k < lineCount; ++k) {
      const float ly = by + pad * 0.5f + lineH * static_cast<float>(k);
      const ImU32 colour = series[static_cast<std::size_t>(k - 1)].colour;
      drawList->AddRectFilled(ImVec2(bx + pad, ly + font * 0.15f),
                              ImVec2(bx + pad + swatch, ly + font * 0.85f), colour, 2.0f);
      drawList->AddText(ImVec2(bx + pad + swatch + font * 0.3f, ly), style.text, lines[k]);
    }
  }
  return hovered;
}

}  // namespace ganscope
