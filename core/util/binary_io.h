#pragma once
// Little-endian binary encoding for files the program writes and reads back (sessions): a writer that appends
// fixed-width values and length-prefixed runs to a string, and a reader that checks every length against what
// is left.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "core/nn/tensor.h"

namespace ganscope {

/// Bytes that end before a value does, or a length that promises more than is left. The message is
/// "ends inside <what>" (plus the numbers when a length was too large), so a caller can say where a file was
/// cut.
class BinaryReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Appends values to a byte string: integers little-endian, floats and doubles as their IEEE-754 bits (so
/// they read back exactly, NaN payloads included), runs of bytes and of floats behind a u64 count.
class BinaryWriter {
 public:
  /// One byte.
  void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  /// Four bytes, little-endian.
  void u32(std::uint32_t value);
  /// Eight bytes, little-endian.
  void u64(std::uint64_t value);
  /// A signed 64-bit integer as its two's-complement bits.
  void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
  /// A float's 32 bits.
  void f32(float value);
  /// A double's 64 bits.
  void f64(double value);
  /// Bytes as they are, without a length (magic numbers, tags).
  void raw(std::string_view bytes) { bytes_.append(bytes); }
  /// A u64 byte count, then the bytes.
  void string(std::string_view text);
  /// A u64 element count, then each float's bits.
  void floats(const Vector& values);
  /// Everything written so far.
  const std::string& bytes() const { return bytes_; }
  /// Everything written so far, moved out (the writer is empty afterwards).
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

/// Reads what a BinaryWriter wrote from a view of bytes (which must outlive the reader). Every read names
/// what it reads; a read past the end, or a count larger than the bytes left could hold, throws
/// BinaryReadError before anything is allocated.
class BinaryReader {
 public:
  /// A reader positioned at the first of `bytes`.
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}

  /// One byte.
  std::uint8_t u8(std::string_view what);
  /// Four bytes, little-endian.
  std::uint32_t u32(std::string_view what);
  /// Eight bytes, little-endian.
  std::uint64_t u64(std::string_view what);
  /// A signed 64-bit integer.
  std::int64_t i64(std::string_view what) { return static_cast<std::int64_t>(u64(what)); }
  /// A float from its bits.
  float f32(std::string_view what);
  /// A double from its bits.
  double f64(std::string_view what);
  /// The next `count` bytes as they are.
  std::string_view raw(std::size_t count, std::string_view what);
  /// A u64 byte count, then that many bytes.
  std::string string(std::string_view what);
  /// A u64 element count, then that many floats.
  Vector floats(std::string_view what);
  /// A u64 count of items that each take at least `minimumItemBytes` bytes: throws unless that many could fit
  /// in what is left, so a caller may reserve room for them.
  std::uint64_t count(std::size_t minimumItemBytes, std::string_view what);

  /// Bytes not read yet.
  std::size_t remaining() const { return bytes_.size() - position_; }
  /// Bytes read so far.
  std::size_t position() const { return position_; }

 private:
  // Throws unless `count` more bytes are left.
  void need(std::size_t count, std::string_view what) const;
  // Throws unless `count` items of `itemBytes` bytes each fit in what is left.
  void needItems(std::uint64_t count, std::size_t itemBytes, std::string_view what) const;

  std::string_view bytes_;
  std::size_t position_ = 0;
};

}  // namespace ganscope
