// The strict bincode reader on hand-made and altered input: each malformation is
// a ParseError naming the field path and the byte offset where the bad value starts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "fixture_files.hpp"
#include "sp1/wire/codec.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::sp1::wire {
namespace {

struct Expected {
  std::string field;
  size_t offset;
  std::string text;
};

template <class Fn>
void expect_parse_error(Fn&& fn, const Expected& e) {
  try {
    fn();
    ADD_FAILURE() << "no ParseError, expected one at " << e.field;
  } catch (const ParseError& err) {
    EXPECT_EQ(err.field(), e.field) << err.what();
    EXPECT_EQ(err.offset(), e.offset) << err.what();
    EXPECT_NE(std::string(err.what()).find(e.text), std::string::npos) << err.what();
  }
}

void put_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = uint8_t(v >> (8 * i));
}
void put_u64(std::vector<uint8_t>& b, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = uint8_t(v >> (8 * i));
}

// A hand-made ChipOpenedValues: one preprocessed EF, one main EF, two degree bits.
void write_chip_opened(BincodeWriter& w) {
  w.length(1);
  w.koala_bear_ext4(EF::one());
  w.length(1);
  w.koala_bear_ext4(EF::zero());
  w.length(2);
  w.koala_bear(F::one());
  w.koala_bear(F::zero());
}

template <class T>
T decode_with(std::span<const uint8_t> bytes, const char* root) {
  BincodeReader r(bytes);
  T value;
  {
    auto f = r.field(root);
    detail::Decoder(r, Sp1Variant::Default).read(value);
  }
  r.expect_end();
  return value;
}

// ---- primitives -----------------------------------------------------------

TEST(Sp1WireReader, KoalaBearMustBeBelowP) {
  BincodeWriter w;
  w.u32(F::kP - 1);
  w.u32(F::kP);
  const auto b = w.take();
  BincodeReader r(b);
  EXPECT_EQ(r.koala_bear().to_canonical(), F::kP - 1);
  expect_parse_error([&] { r.koala_bear(); }, {"<root>", 4, "not below p"});
}

TEST(Sp1WireReader, Bn254ScalarMustBe32BytesBelowTheModulus) {
  BincodeWriter ok;
  ok.bn254_fr(bn254::Fr::from_u64(7));
  auto b = ok.take();
  ASSERT_EQ(b.size(), 40u);
  EXPECT_EQ(BincodeReader(b).bn254_fr(), bn254::Fr::from_u64(7));

  auto high = b;  // all-ones is above the modulus
  std::memset(high.data() + 8, 0xFF, 32);
  expect_parse_error([&] { BincodeReader(high).bn254_fr(); }, {"<root>", 8, "not below the field modulus"});

  auto short_len = b;
  put_u64(short_len, 0, 31);
  expect_parse_error([&] { BincodeReader(short_len).bn254_fr(); }, {"<root>", 0, "must be 32 bytes"});
}

TEST(Sp1WireReader, BoolAndOptionTagsAreZeroOrOne) {
  const std::vector<uint8_t> b = {1, 0, 2};
  BincodeReader r(b);
  EXPECT_TRUE(r.boolean());
  EXPECT_FALSE(r.option_tag());
  expect_parse_error([&] { r.boolean(); }, {"<root>", 2, "neither 0 nor 1"});
  BincodeReader r2(std::span<const uint8_t>(b).subspan(2));
  expect_parse_error([&] { r2.option_tag(); }, {"<root>", 0, "Option tag 2"});
}

TEST(Sp1WireReader, LengthIsCheckedAgainstTheBytesLeftBeforeAllocating) {
  BincodeWriter w;
  w.length(uint64_t{1} << 60);
  const auto b = w.take();
  std::vector<EF> v;
  BincodeReader r(b);
  expect_parse_error([&] { detail::Decoder(r, Sp1Variant::Default).read(v); },
                     {"<root>", 0, "exceeds what the remaining 0 bytes"});
  EXPECT_EQ(v.capacity(), 0u);
}

TEST(Sp1WireReader, StringsMustBeUtf8) {
  BincodeWriter w;
  w.length(2);
  w.u8(0xC0);  // overlong encoding of '/'
  w.u8(0xAF);
  const auto b = w.take();
  expect_parse_error([&] { BincodeReader(b).string(); }, {"<root>", 8, "not valid UTF-8"});
}

TEST(Sp1WireReader, TruncatedInputNamesTheField) {
  BincodeWriter w;
  w.u32(1);
  w.u32(2);
  const auto b = w.take();  // a vk needs far more
  expect_parse_error([&] { decode_vk_as<InnerConfig>(b, Sp1Variant::Default); },
                     {"vk.pc_start[2]", 8, "needs 4 bytes, 0 left"});
  // Without a variant, the size alone already says it is no vk.
  expect_parse_error([&] { decode_vk<InnerConfig>(b); }, {"vk", 0, "8 bytes: a inner vk has 104 (default) or 168"});
}

// ---- containers -----------------------------------------------------------

TEST(Sp1WireReader, TensorDimensionsMustMatchStorage) {
  auto tensor = [](std::vector<size_t> sizes) {
    BincodeWriter w;
    w.length(6);
    for (int i = 0; i < 6; ++i) w.koala_bear(F::from_canonical(i));
    w.length(sizes.size());
    for (size_t s : sizes) w.usize(s);
    return w.take();
  };
  const auto ok = decode_with<Tensor<F>>(tensor({2, 3}), "t");
  EXPECT_EQ(ok.sizes, (std::vector<size_t>{2, 3}));
  expect_parse_error([&] { decode_with<Tensor<F>>(tensor({4, 2}), "t"); },
                     {"t.dimensions", 32, "dimensions (4 x 2) do not describe the 6 stored values"});
  expect_parse_error([&] { decode_with<Tensor<F>>(tensor({1, 1, 2, 3}), "t"); },
                     {"t.dimensions", 32, "4 dimensions, at most 3"});
  expect_parse_error([&] { decode_with<Tensor<F>>(tensor({size_t{1} << 40, size_t{1} << 40}), "t"); },
                     {"t.dimensions", 32, "do not describe the 6"});
}

TEST(Sp1WireReader, ChipMapKeysAreKnownSortedAndUnique) {
  auto chip_map = [](std::vector<std::string> names) {
    BincodeWriter w;
    w.length(names.size());
    for (const auto& n : names) {
      w.string(n);
      write_chip_opened(w);
    }
    return w.take();
  };
  const auto ok = decode_with<ChipMap<ChipOpenedValues>>(chip_map({"BaseAlu", "Select"}), "chips");
  EXPECT_EQ(ok.size(), 2u);
  EXPECT_EQ(ok.at("BaseAlu").degree.size(), 2u);

  const size_t second_key = 8 + (8 + 7) + (8 + 16 + 8 + 16 + 8 + 8);
  expect_parse_error([&] { decode_with<ChipMap<ChipOpenedValues>>(chip_map({"Select", "BaseAlu"}), "chips"); },
                     {"chips", 8 + (8 + 6) + (8 + 16 + 8 + 16 + 8 + 8), "'BaseAlu' is out of order"});
  expect_parse_error([&] { decode_with<ChipMap<ChipOpenedValues>>(chip_map({"BaseAlu", "BaseAlu"}), "chips"); },
                     {"chips", second_key, "out of order or repeated"});
  expect_parse_error([&] { decode_with<ChipMap<ChipOpenedValues>>(chip_map({"Keccak"}), "chips"); },
                     {"chips", 8, "unknown chip name 'Keccak'"});
}

TEST(Sp1WireReader, ErrorsInsideAChipNameTheChip) {
  BincodeWriter w;
  w.length(1);
  w.string("ExtAlu");
  w.length(1);
  w.u32(0xFFFFFFFF);  // first coefficient of preprocessed[0]
  for (int i = 0; i < 3; ++i) w.u32(0);
  const auto b = w.take();
  expect_parse_error([&] { decode_with<ChipMap<ChipOpenedValues>>(b, "chips"); },
                     {"chips.ExtAlu.preprocessed.local[0]", 8 + 14 + 8, "not below p"});
}

// ---- whole artifacts --------------------------------------------------------

TEST(Sp1WireReader, TrailingBytesAreRejected) {
  SP1_FIXTURE(path, "proofs/wrap_vk.bin");
  auto b = read_artifact_file(path);
  b.push_back(0);
  expect_parse_error([&] { decode_vk_as<OuterConfig>(b, Sp1Variant::Default); }, {"<root>", 112, "1 trailing bytes"});
  // 64 more bytes read as an mprotect vk; 64 more in the default variant are trailing.
  b.resize(176, 0);
  EXPECT_EQ(decode_vk<OuterConfig>(b).variant(), Sp1Variant::Mprotect);
  expect_parse_error([&] { decode_vk_as<OuterConfig>(b, Sp1Variant::Default); }, {"<root>", 112, "64 trailing bytes"});
}

TEST(Sp1WireReader, OuterVkFieldsAreValidated) {
  SP1_FIXTURE(path, "proofs/wrap_vk.bin");
  const auto good = read_artifact_file(path);
  auto b = good;
  put_u32(b, 4, F::kP);
  expect_parse_error([&] { decode_vk<OuterConfig>(b); }, {"vk.pc_start[1]", 4, "not below p"});
  b = good;
  put_u32(b, 12 + 4 * 9, 0x80000000u);
  expect_parse_error([&] { decode_vk<OuterConfig>(b); }, {"vk.initial_global_cumulative_sum.y[2]", 48, "not below p"});
  b = good;
  b[12 + 56 + 8 + 31] = 0xFF;  // most significant byte of the BN254 commitment
  expect_parse_error([&] { decode_vk<OuterConfig>(b); }, {"vk.preprocessed_commit[0]", 76, "field modulus"});
  // The inner reading of the same bytes fails: the configurations are not interchangeable.
  EXPECT_THROW(decode_vk<InnerConfig>(good), ParseError);
}

TEST(Sp1WireReader, ProofReadAsTheOtherConfigurationFails) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto b = read_artifact_file(path);
  EXPECT_THROW(decode_shard_proof<InnerConfig>(b), ParseError);
}

TEST(Sp1WireReader, RenamedChipInTheWrapProofIsRejected) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  auto b = read_artifact_file(path);
  const std::string from = "Poseidon2SBox";
  auto it = std::search(b.begin(), b.end(), from.begin(), from.end());
  ASSERT_NE(it, b.end());
  *(it + 10) = 'b';  // "Poseidon2Sbox": same length, not a chip
  const size_t key_offset = size_t(it - b.begin()) - 8;
  try {
    decode_shard_proof<OuterConfig>(b);
    ADD_FAILURE() << "renamed chip accepted";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.offset(), key_offset);
    EXPECT_NE(std::string(e.what()).find("unknown chip name 'Poseidon2Sbox'"), std::string::npos) << e.what();
  }
}

TEST(Sp1WireReader, UnreadableFileIsAParseError) {
  expect_parse_error([] { read_artifact_file("/nonexistent/sp1/proof.bin"); }, {"file", 0, "cannot open"});
}

}  // namespace
}  // namespace zkgpu::sp1::wire
