#include "core/util/binary_io.h"

#include <bit>
#include <cstring>

namespace ganscope {

// [SECTION] Writer

void BinaryWriter::u32(std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) u8(static_cast<std::uint8_t>(value >> shift));
}

void BinaryWriter::u64(std::uint64_t value) {
  for (int shift = 0; shift < 64; shift += 8) u8(static_cast<std::uint8_t>(value >> shift));
}

void BinaryWriter::f32(float value) {
  u32(std::bit_cast<std::uint32_t>(value));
}

void BinaryWriter::f64(double value) {
  u64(std::bit_cast<std::uint64_t>(value));
}

void BinaryWriter::string(std::string_view text) {
  u64(text.size());
  raw(text);
}

void BinaryWriter::floats(const Vector& values) {
  u64(static_cast<std::uint64_t>(values.size()));
  bytes_.reserve(bytes_.size() + static_cast<std::size_t>(values.size()) * 4);
  for (Eigen::Index i = 0; i < values.size(); ++i) f32(values[i]);
}

// [SECTION] Reader

void BinaryReader::need(std::size_t count, std::string_view what) const {
  if (count > remaining()) throw BinaryReadError("ends inside " + std::string(what));
}

void BinaryReader::needItems(std::uint64_t count, std::size_t itemBytes, std::string_view what) const {
  if (itemBytes == 0 || count <= remaining() / itemBytes) return;
  throw BinaryReadError("ends inside " + std::string(what) + ": " + std::to_string(count) + " " +
                        (itemBytes == 1 ? "bytes" : "values") + " declared, " + std::to_string(remaining()) +
                        " bytes left");
}

std::uint8_t BinaryReader::u8(std::string_view what) {
  need(1, what);
  return static_cast<std::uint8_t>(bytes_[position_++]);
}

std::uint32_t BinaryReader::u32(std::string_view what) {
  need(4, what);
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes_[position_ + i])) << (8 * i);
  }
  position_ += 4;
  return value;
}

std::uint64_t BinaryReader::u64(std::string_view what) {
  need(8, what);
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(bytes_[position_ + i])) << (8 * i);
  }
  position_ += 8;
  return value;
}

float BinaryReader::f32(std::string_view what) {
  return std::bit_cast<float>(u32(what));
}

double BinaryReader::f64(std::string_view what) {
  return std::bit_cast<double>(u64(what));
}

std::string_view BinaryReader::raw(std::size_t count, std::string_view what) {
  need(count, what);
  const std::string_view bytes = bytes_.substr(position_, count);
  position_ += count;
  return bytes;
}

std::string BinaryReader::string(std::string_view what) {
  const std::uint64_t length = u64(what);
  needItems(length, 1, what);
  return std::string(raw(static_cast<std::size_t>(length), what));
}

Vector BinaryReader::floats(std::string_view what) {
  const std::uint64_t count = u64(what);
  needItems(count, 4, what);
  Vector values(static_cast<Eigen::Index>(count));
  for (Eigen::Index i = 0; i < values.size(); ++i) values[i] = f32(what);
  return values;
}

std::uint64_t BinaryReader::count(std::size_t minimumItemBytes, std::string_view what) {
  const std::uint64_t items = u64(what);
  needItems(items, minimumItemBytes, what);
  return items;
}

}  // namespace ganscope
