#include "groth16/snarkjs_json.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "groth16/decimal.hpp"
#include "groth16/pairing.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

using namespace bn254;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

[[noreturn]] void layout_error(const std::string& msg) { throw Error(ErrorCode::bad_request, msg); }
[[noreturn]] void value_error(const std::string& msg) { throw Error(ErrorCode::invalid_argument, msg); }

json parse_document(std::string_view text, const std::string& file) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    layout_error(file + ": not valid JSON (" + e.what() + ")");
  }
}

json parse_object(std::string_view text, const std::string& file) {
  json doc = parse_document(text, file);
  if (!doc.is_object()) layout_error(file + ": the top level is not a JSON object");
  return doc;
}

const json& member(const json& obj, const char* key, const std::string& file) {
  const auto it = obj.find(key);
  if (it == obj.end()) layout_error(file + ": \"" + key + "\" is missing");
  return *it;
}

const json& array_of(const json& j, size_t min, size_t max, const std::string& what) {
  if (!j.is_array() || j.size() < min || j.size() > max)
    layout_error(what + ": expected an array of " +
                 (min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max)) +
                 " elements");
  return j;
}

U256 integer(const json& j, const std::string& what) {
  if (!j.is_string()) layout_error(what + ": expected a decimal string");
  return parse_decimal(j.get_ref<const std::string&>(), what);
}

Fq coordinate(const json& j, const std::string& what) {
  const U256 v = integer(j, what);
  if (!Fq::is_canonical(v)) value_error(what + ": not below the base field prime p");
  return Fq::from_canonical(v);
}

Fq2 coordinate2(const json& j, const std::string& what) {
  array_of(j, 2, 2, what);
  return {coordinate(j[0], what + "[0]"), coordinate(j[1], what + "[1]")};
}

// [x, y] or [x, y, z] in Jacobian coordinates (z = 0: infinity), as ffjavascript's fromObject reads them.
template <class F, class ReadF>
Affine<F> point(const json& j, const std::string& what, ReadF read) {
  array_of(j, 2, 3, what);
  const F x = read(j[0], what + "[0]"), y = read(j[1], what + "[1]");
  const F z = j.size() == 3 ? read(j[2], what + "[2]") : F::one();
  const Jacobian<F> p{x, y, z};
  if (!p.is_on_curve()) value_error(what + ": the point is not on the curve");
  return p.to_affine();
}

G1Affine g1(const json& j, const std::string& what) { return point<Fq>(j, what, coordinate); }

G2Affine g2(const json& j, const std::string& what) {
  const G2Affine p = point<Fq2>(j, what, coordinate2);
  if (!in_prime_subgroup(p)) value_error(what + ": the point is not in the order-r subgroup");
  return p;
}

// snarkjs accepts "bn128", "BN254", "alt_bn128", ... (curves.js getCurveFromName:
// upper case, non-alphanumerics dropped).
void check_curve(const json& obj, const std::string& file, bool required) {
  const auto it = obj.find("curve");
  if (it == obj.end()) {
    if (required) layout_error(file + ": \"curve\" is missing");
    return;
  }
  if (!it->is_string()) layout_error(file + ": \"curve\" is not a string");
  std::string norm;
  for (char ch : it->get_ref<const std::string&>())
    if (std::isalnum(static_cast<unsigned char>(ch))) norm.push_back(char(std::toupper(static_cast<unsigned char>(ch))));
  if (norm != "BN128" && norm != "BN254" && norm != "ALTBN128")
    value_error(file + ": curve \"" + it->get<std::string>() + "\" is not BN254 (bn128)");
}

void check_protocol(const json& obj, const std::string& file, bool required) {
  const auto it = obj.find("protocol");
  if (it == obj.end()) {
    if (required) layout_error(file + ": \"protocol\" is missing");
    return;
  }
  if (!it->is_string() || *it != "groth16")
    value_error(file + ": protocol " + it->dump() + " is not \"groth16\"");
}

// snarkjs JSON: affine points with z = 1, infinity as [0, 1, 0].
ordered_json g1_json(const G1Affine& p) {
  if (p.is_infinity()) return ordered_json::array({"0", "1", "0"});
  return ordered_json::array({to_decimal(p.x.to_canonical()), to_decimal(p.y.to_canonical()), "1"});
}

ordered_json fq2_json(const Fq2& v) {
  return ordered_json::array({to_decimal(v.c0.to_canonical()), to_decimal(v.c1.to_canonical())});
}

ordered_json g2_json(const G2Affine& p) {
  if (p.is_infinity())
    return ordered_json::array({ordered_json::array({"0", "0"}), ordered_json::array({"1", "0"}),
                                ordered_json::array({"0", "0"})});
  return ordered_json::array({fq2_json(p.x), fq2_json(p.y), ordered_json::array({"1", "0"})});
}

ordered_json fq6_json(const Fq6& v) { return ordered_json::array({fq2_json(v.c0), fq2_json(v.c1), fq2_json(v.c2)}); }

// JSON.stringify(x, null, 1) layout: one-space indent, "key": value.
std::string stringify(const ordered_json& j) { return j.dump(1); }

}  // namespace

VerifyingKey parse_verification_key(std::string_view text) {
  const std::string file = "verification_key.json";
  const json doc = parse_object(text, file);
  check_protocol(doc, file, true);
  check_curve(doc, file, true);
  VerifyingKey vk;
  vk.alpha1 = g1(member(doc, "vk_alpha_1", file), file + " vk_alpha_1");
  vk.beta2 = g2(member(doc, "vk_beta_2", file), file + " vk_beta_2");
  vk.gamma2 = g2(member(doc, "vk_gamma_2", file), file + " vk_gamma_2");
  vk.delta2 = g2(member(doc, "vk_delta_2", file), file + " vk_delta_2");
  const json& ic = member(doc, "IC", file);
  if (!ic.is_array() || ic.empty()) layout_error(file + ": \"IC\" is not a non-empty array");
  vk.ic.reserve(ic.size());
  for (size_t i = 0; i < ic.size(); ++i) vk.ic.push_back(g1(ic[i], file + " IC[" + std::to_string(i) + "]"));
  const json& n_public = member(doc, "nPublic", file);
  if (!n_public.is_number_unsigned() || n_public.get<uint64_t>() != ic.size() - 1)
    layout_error(file + ": \"nPublic\" " + n_public.dump() + " does not match the " + std::to_string(ic.size()) +
                 " IC points");
  return vk;
}

Proof parse_proof(std::string_view text) {
  const std::string file = "proof.json";
  const json doc = parse_object(text, file);
  check_protocol(doc, file, false);
  check_curve(doc, file, false);
  return {g1(member(doc, "pi_a", file), file + " pi_a"), g2(member(doc, "pi_b", file), file + " pi_b"),
          g1(member(doc, "pi_c", file), file + " pi_c")};
}

std::vector<FrRaw> parse_public(std::string_view text) {
  const std::string file = "public.json";
  const json doc = parse_document(text, file);
  if (!doc.is_array()) layout_error(file + ": the top level is not a JSON array");
  std::vector<FrRaw> out;
  out.reserve(doc.size());
  for (size_t i = 0; i < doc.size(); ++i) {
    const std::string what = file + " [" + std::to_string(i) + "]";
    const FrRaw v = integer(doc[i], what);
    if (!Fr::is_canonical(v)) value_error(what + ": not below the scalar field prime r");
    out.push_back(v);
  }
  return out;
}

std::string proof_to_json(const Proof& proof) {
  ordered_json j;
  j["pi_a"] = g1_json(proof.a);
  j["pi_b"] = g2_json(proof.b);
  j["pi_c"] = g1_json(proof.c);
  j["protocol"] = "groth16";
  j["curve"] = "bn128";
  return stringify(j);
}

std::string public_to_json(const std::vector<FrRaw>& signals) {
  ordered_json j = ordered_json::array();
  for (const FrRaw& s : signals) j.push_back(to_decimal(s));
  return stringify(j);
}

std::string verification_key_to_json(const VerifyingKey& vk) {
  const Fq12 alphabeta = snarkjs_pairing(vk.alpha1, vk.beta2);
  ordered_json j;
  j["protocol"] = "groth16";
  j["curve"] = "bn128";
  j["nPublic"] = vk.n_public();
  j["vk_alpha_1"] = g1_json(vk.alpha1);
  j["vk_beta_2"] = g2_json(vk.beta2);
  j["vk_gamma_2"] = g2_json(vk.gamma2);
  j["vk_delta_2"] = g2_json(vk.delta2);
  j["vk_alphabeta_12"] = ordered_json::array({fq6_json(alphabeta.c0), fq6_json(alphabeta.c1)});
  ordered_json ic = ordered_json::array();
  for (const G1Affine& p : vk.ic) ic.push_back(g1_json(p));
  j["IC"] = std::move(ic);
  return stringify(j);
}

}  // namespace zkgpu::groth16
