#include "app/window/damage_tracker.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace ganscope {
namespace {

// Whether two commands draw with the same state: clip rectangle, texture and callback.
bool sameDrawState(const ImDrawCmd& a, const ImDrawCmd& b) {
  return a.ClipRect.x == b.ClipRect.x && a.ClipRect.y == b.ClipRect.y && a.ClipRect.z == b.ClipRect.z &&
         a.ClipRect.w == b.ClipRect.w && a.TextureId == b.TextureId && a.UserCallback == b.UserCallback &&
         a.UserCallbackData == b.UserCallbackData;
}

bool sameCommand(const ImDrawCmd& a, const ImDrawCmd& b) {
  return sameDrawState(a, b) && a.VtxOffset == b.VtxOffset && a.IdxOffset == b.IdxOffset &&
         a.ElemCount == b.ElemCount;
}

template <class T>
bool sameBytes(const ImVector<T>& now, const std::vector<T>& before) {
  return static_cast<std::size_t>(now.Size) == before.size() &&
         (before.empty() || std::memcmp(now.Data, before.data(), before.size() * sizeof(T)) == 0);
}

template <class T>
void copyInto(const ImVector<T>& from, std::vector<T>& to) {
  to.assign(from.Data, from.Data + from.Size);
}

bool sameVertex(const ImDrawVert& a, const ImDrawVert& b) { return std::memcmp(&a, &b, sizeof(ImDrawVert)) == 0; }

// The command each index position of a list belongs to, or -1 for none.
std::vector<int> commandOfIndex(const ImDrawCmd* commands, int count, std::size_t indices) {
  std::vector<int> owner(indices, -1);
  for (int c = 0; c < count; ++c)
    for (unsigned i = commands[c].IdxOffset; i < commands[c].IdxOffset + commands[c].ElemCount && i < indices; ++i)
      owner[i] = c;
  return owner;
}

// The bounding box of some vertices.
struct VertexBox {
  float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
  bool any = false;
  void cover(const ImDrawVert& v) {
    x0 = any ? std::min(x0, v.pos.x) : v.pos.x;
    y0 = any ? std::min(y0, v.pos.y) : v.pos.y;
    x1 = any ? std::max(x1, v.pos.x) : v.pos.x;
    y1 = any ? std::max(y1, v.pos.y) : v.pos.y;
    any = true;
  }
  // The box, `margin` pixels wider each side (none if no vertex was covered).
  DamageRect rect(float margin) const {
    return any ? DamageRect{x0 - margin, y0 - margin, x1 + margin, y1 + margin} : DamageRect{};
  }
};

}  // namespace

std::optional<std::vector<DamageRect>> DamageTracker::changedParts(const ImDrawList& list, const ListCopy& copy) {
  // Only lists drawn with the same commands, in the same order, clip rectangles, textures and callbacks: then a
  // pixel can change only under a triangle that changed.
  const int commands = list.CmdBuffer.Size;
  if (static_cast<std::size_t>(commands) != copy.commands.size()) return std::nullopt;
  for (int c = 0; c < commands; ++c) {
    const ImDrawCmd &a = list.CmdBuffer[c], &b = copy.commands[static_cast<std::size_t>(c)];
    if (!sameDrawState(a, b) || a.VtxOffset != 0 || b.VtxOffset != 0) return std::nullopt;
  }
  const ImDrawVert* newV = list.VtxBuffer.Data;
  const ImDrawIdx* newI = list.IdxBuffer.Data;
  const std::size_t newVn = static_cast<std::size_t>(list.VtxBuffer.Size), oldVn = copy.vertices.size();
  const std::size_t newIn = static_cast<std::size_t>(list.IdxBuffer.Size), oldIn = copy.indices.size();
  if (newIn % 3 != 0 || oldIn % 3 != 0) return std::nullopt;

  // The vertices both frames share at the start and at the end (shifted by the difference in count).
  std::size_t prefix = 0;
  while (prefix < std::min(newVn, oldVn) && sameVertex(newV[prefix], copy.vertices[prefix])) ++prefix;
  std::size_t suffix = 0;
  while (suffix < std::min(newVn, oldVn) - prefix &&
         sameVertex(newV[newVn - 1 - suffix], copy.vertices[oldVn - 1 - suffix]))
    ++suffix;
  // A triangle is unchanged when it sits at the same place in the index order of the same command and names
  // the same shared vertices (suffix ones shifted by the difference in vertex count).
  const std::vector<int> newOwner = commandOfIndex(list.CmdBuffer.Data, commands, newIn);
  const std::vector<int> oldOwner = commandOfIndex(copy.commands.data(), commands, oldIn);
  const long long vertexShift = static_cast<long long>(newVn) - static_cast<long long>(oldVn);
  const auto sameIndex = [&](std::size_t oldAt, std::size_t newAt) {
    const std::size_t o = copy.indices[oldAt], n = newI[newAt];
    if (oldOwner[oldAt] != newOwner[newAt]) return false;
    if (o < prefix) return n == o;
    if (o >= oldVn - suffix && o < oldVn) return static_cast<long long>(n) == static_cast<long long>(o) + vertexShift;
    return false;
  };
  std::size_t indexPrefix = 0;
  while (indexPrefix < std::min(newIn, oldIn) && sameIndex(indexPrefix, indexPrefix)) ++indexPrefix;
  indexPrefix -= indexPrefix % 3;
  std::size_t indexSuffix = 0;
  while (indexSuffix < std::min(newIn, oldIn) - indexPrefix &&
         sameIndex(oldIn - 1 - indexSuffix, newIn - 1 - indexSuffix))
    ++indexSuffix;
  indexSuffix -= indexSuffix % 3;

  // What lies between: triangle by triangle where both frames have as many (a number of the same width, a
  // colour), else the bounds of all of it.
  std::vector<DamageRect> parts;
  const std::size_t oldEnd = oldIn - indexSuffix, newEnd = newIn - indexSuffix;
  const auto vertexOk = [](std::size_t v, std::size_t n) { return v < n; };
  if (oldEnd - indexPrefix == newEnd - indexPrefix) {
    for (std::size_t t = indexPrefix; t < newEnd; t += 3) {
      bool same = true;
      for (std::size_t k = 0; k < 3 && same; ++k) {
        const std::size_t o = copy.indices[t + k], n = newI[t + k];
        same = oldOwner[t + k] == newOwner[t + k] && vertexOk(o, oldVn) && vertexOk(n, newVn) &&
               sameVertex(copy.vertices[o], newV[n]);
      }
      if (same) continue;
      VertexBox box;
      for (std::size_t k = 0; k < 3; ++k) {
        const std::size_t o = copy.indices[t + k], n = newI[t + k];
        if (!vertexOk(o, oldVn) || !vertexOk(n, newVn)) return std::nullopt;
        box.cover(copy.vertices[o]);
        box.cover(newV[n]);
      }
      addDamage(parts, box.rect(1.0f));  // a pixel more: anti-aliased fringes, rounding
    }
    return parts;
  }
  VertexBox box;
  for (std::size_t i = indexPrefix; i < oldEnd; ++i) {
    if (!vertexOk(copy.indices[i], oldVn)) return std::nullopt;
    box.cover(copy.vertices[copy.indices[i]]);
  }
  for (std::size_t i = indexPrefix; i < newEnd; ++i) {
    if (!vertexOk(newI[i], newVn)) return std::nullopt;
    box.cover(newV[newI[i]]);
  }
  addDamage(parts, box.rect(1.0f));  // a pixel more: anti-aliased fringes, rounding
  return parts;
}

void DamageRect::add(const DamageRect& other) {
  if (other.empty()) return;
  if (empty()) {
    *this = other;
    return;
  }
  x0 = std::min(x0, other.x0);
  y0 = std::min(y0, other.y0);
  x1 = std::max(x1, other.x1);
  y1 = std::max(y1, other.y1);
}

DamageRect DamageRect::clippedTo(const DamageRect& other) const {
  DamageRect r{std::max(x0, other.x0), std::max(y0, other.y0), std::min(x1, other.x1),
               std::min(y1, other.y1)};
  return r.empty() ? DamageRect{} : r;
}

void addDamage(std::vector<DamageRect>& rects, DamageRect rect) {
  if (rect.empty()) return;
  // Merge with a rectangle when the union costs no more pixels than the two apart (e.g. one inside the other,
  // or two halves of a strip); the union may then merge with others, so repeat. Rectangles that merely touch
  // or overlap by a border stay apart: each is drawn whole, so an overlap is drawn twice, which is correct.
  const auto area = [](const DamageRect& r) {
    return r.empty() ? 0.0 : double(r.x1 - r.x0) * double(r.y1 - r.y0);
  };
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < rects.size(); ++i) {
      DamageRect joined = rect;
      joined.add(rects[i]);
      if (area(joined) <= area(rect) + area(rects[i])) {
        rect = joined;
        rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(i));
        merged = true;
        break;
      }
    }
  }
  rects.push_back(rect);
}

DamageRect DamageTracker::boundsOf(const ImDrawList& list, const DamageRect& display) {
  VertexBox box;
  for (const ImDrawVert& v : list.VtxBuffer) box.cover(v);
  return box.rect(0.0f).clippedTo(display);
}

std::vector<DamageRect> DamageTracker::update(const ImDrawData& data) {
  const DamageRect display{data.DisplayPos.x, data.DisplayPos.y, data.DisplayPos.x + data.DisplaySize.x,
                           data.DisplayPos.y + data.DisplaySize.y};
  const bool sameLayout = static_cast<int>(lists_.size()) == data.CmdListsCount &&
                          data.DisplayPos.x == displayPos_.x && data.DisplayPos.y == displayPos_.y &&
                          data.DisplaySize.x == displaySize_.x && data.DisplaySize.y == displaySize_.y;
  std::vector<DamageRect> damage;
  if (!sameLayout) addDamage(damage, display);
  lists_.resize(static_cast<std::size_t>(data.CmdListsCount));
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    ListCopy& copy = lists_[static_cast<std::size_t>(n)];
    bool same = sameLayout && sameBytes(list.VtxBuffer, copy.vertices) &&
                sameBytes(list.IdxBuffer, copy.indices) &&
                static_cast<std::size_t>(list.CmdBuffer.Size) == copy.commands.size();
    for (int c = 0; same && c < list.CmdBuffer.Size; ++c)
      same = sameCommand(list.CmdBuffer[c], copy.commands[static_cast<std::size_t>(c)]);
    if (same) continue;
    // Everything a list draws lies inside its vertices' bounding box (its clip rectangles are coarser: a
    // window's background is clipped by the whole display).
    const DamageRect bounds = boundsOf(list, display);
    if (const auto parts = sameLayout ? changedParts(list, copy) : std::nullopt) {
      // Drawn with the same commands: only the parts that changed (a counter's digits, a marker that moved).
      for (const DamageRect& part : *parts) addDamage(damage, part.clippedTo(display));
    } else {
      addDamage(damage, copy.bounds);
      addDamage(damage, bounds);
    }
    copy.bounds = bounds;
    copyInto(list.VtxBuffer, copy.vertices);
    copyInto(list.IdxBuffer, copy.indices);
    copyInto(list.CmdBuffer, copy.commands);
  }
  displayPos_ = data.DisplayPos;
  displaySize_ = data.DisplaySize;
  for (DamageRect& rect : damage) rect = rect.clippedTo(display);
  return damage;
}

}  // namespace ganscope
