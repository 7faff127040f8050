#include "crypto/ecdsa.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include <string>

namespace microcred::crypto {

namespace {

template <auto free_function>
struct Deleter {
  template <class T>
  void operator()(T* handle) const {
    free_function(handle);
  }
};

using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using SignaturePtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using ParamBuilderPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;

struct Curve {
  int nid;
  const char* name;
  std::size_t scalar_size;
  const EVP_MD* (*hash)();
};

const Curve& curve_info(EcdsaCurve curve) {
  static const Curve p256{NID_X9_62_prime256v1, "P-256", 32, EVP_sha256};
  static const Curve p384{NID_secp384r1, "P-384", 48, EVP_sha384};
  return curve == EcdsaCurve::p384 ? p384 : p256;
}

// The reason OpenSSL gives for its last failure, clearing its error queue.
Error openssl_error(const std::string& what) {
  unsigned long code = ERR_get_error();
  std::string message = what;
  if (code != 0) {
    char reason[256];
    ERR_error_string_n(code, reason, sizeof reason);
    message += ": ";
    message += reason;
  }
  ERR_clear_error();
  return make_error(ErrorCode::crypto_error, message);
}

std::shared_ptr<EVP_PKEY> share(EVP_PKEY* key) {
  return {key, EVP_PKEY_free};
}

// An EVP_PKEY of `curve` with public point `point` (any SEC 1 encoding) and, when given,
// private scalar `scalar`.
Result<std::shared_ptr<EVP_PKEY>> make_pkey(const Curve& curve, ByteView point,
                                            const BIGNUM* scalar) {
  ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.name, 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1 ||
      (scalar != nullptr &&
       OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar) != 1)) {
    return openssl_error("cannot build the key parameters");
  }
  auto wipe_and_free = [](OSSL_PARAM* params) {
    // Note: OpenSSL 3.0 has no OSSL_PARAM_clear_free, so the scalar is wiped here.
    if (OSSL_PARAM* secret = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_PRIV_KEY)) {
      OPENSSL_cleanse(secret->data, secret->data_size);
    }
    OSSL_PARAM_free(params);
  };
  std::unique_ptr<OSSL_PARAM, decltype(wipe_and_free)> params(
      OSSL_PARAM_BLD_to_param(builder.get()), wipe_and_free);
  if (!params) return openssl_error("cannot build the key parameters");
  PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!context || EVP_PKEY_fromdata_init(context.get()) != 1) {
    return openssl_error("cannot create an EC key context");
  }
  EVP_PKEY* key = nullptr;
  int selection = scalar != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  if (EVP_PKEY_fromdata(context.get(), &key, selection, params.get()) != 1) {
    return openssl_error(std::string("cannot import the ") + curve.name + " key");
  }
  return share(key);
}

Result<GroupPtr> make_group(const Curve& curve) {
  GroupPtr group(EC_GROUP_new_by_curve_name(curve.nid));
  if (!group) return openssl_error(std::string("cannot load the curve ") + curve.name);
  return group;
}

// The SEC 1 compressed encoding of `point`.
Result<Bytes> compress(const EC_GROUP* group, const EC_POINT* point, BN_CTX* bn_context) {
  Bytes out(EC_POINT_point2oct(group, point, POINT_CONVERSION_COMPRESSED, nullptr, 0, bn_context));
  if (out.empty() || EC_POINT_point2oct(group, point, POINT_CONVERSION_COMPRESSED, out.data(),
                                        out.size(), bn_context) != out.size()) {
    return openssl_error("cannot encode the public key");
  }
  return out;
}

}  // namespace

const char* curve_name(EcdsaCurve curve) {
  return curve_info(curve).name;
}

std::size_t ecdsa_scalar_size(EcdsaCurve curve) {
  return curve_info(curve).scalar_size;
}

Result<EcdsaPublicKey> EcdsaPublicKey::parse(EcdsaCurve curve, ByteView compressed) {
  const Curve& info = curve_info(curve);
  if (compressed.size() != info.scalar_size + 1) {
    return make_error(ErrorCode::invalid_key,
                      std::string("a compressed ") + info.name + " public key must be " +
                          std::to_string(info.scalar_size + 1) + " bytes, got " +
                          std::to_string(compressed.size()));
  }
  if (compressed[0] != 0x02 && compressed[0] != 0x03) {
    return make_error(ErrorCode::invalid_key, std::string("a compressed ") + info.name +
                                                  " public key must start with 0x02 or 0x03");
  }
  auto group = make_group(info);
  if (!group) return group.error();
  PointPtr point(EC_POINT_new(group->get()));
  BnCtxPtr bn_context(BN_CTX_new());
  if (!point || !bn_context) return openssl_error("out of memory");
  if (EC_POINT_oct2point(group->get(), point.get(), compressed.data(), compressed.size(),
                         bn_context.get()) != 1) {
    ERR_clear_error();
    return make_error(ErrorCode::invalid_key,
                      std::string("the ") + info.name + " public key is not a point on the curve");
  }
  auto key = make_pkey(info, compressed, nullptr);
  if (!key) return key.error();
  EcdsaPublicKey result;
  result.curve_ = curve;
  result.bytes_.assign(compressed.begin(), compressed.end());
  result.key_ = std::move(*key);
  return result;
}

Result<bool> EcdsaPublicKey::verify(ByteView message, ByteView signature) const {
  const Curve& info = curve_info(curve_);
  const std::size_t half = info.scalar_size;
  if (signature.size() != 2 * half) {
    return make_error(ErrorCode::invalid_argument,
                      std::string("an ECDSA ") + info.name + " signature must be " +
                          std::to_string(2 * half) + " bytes (r||s), got " +
                          std::to_string(signature.size()));
  }
  // OpenSSL verifies DER, so the raw r||s is re-encoded first.
  SignaturePtr parsed(ECDSA_SIG_new());
  BignumPtr r(BN_bin2bn(signature.data(), static_cast<int>(half), nullptr));
  BignumPtr s(BN_bin2bn(signature.data() + half, static_cast<int>(half), nullptr));
  if (!parsed || !r || !s || ECDSA_SIG_set0(parsed.get(), r.get(), s.get()) != 1) {
    return openssl_error("cannot read the signature");
  }
  r.release();  // now owned by `parsed`
  s.release();
  int der_size = i2d_ECDSA_SIG(parsed.get(), nullptr);
  if (der_size <= 0) return openssl_error("cannot encode the signature");
  Bytes der(static_cast<std::size_t>(der_size));
  unsigned char* cursor = der.data();
  if (i2d_ECDSA_SIG(parsed.get(), &cursor) != der_size) {
    return openssl_error("cannot encode the signature");
  }
  MdCtxPtr context(EVP_MD_CTX_new());
  if (!context ||
      EVP_DigestVerifyInit(context.get(), nullptr, info.hash(), nullptr, key_.get()) != 1) {
    return openssl_error("cannot start ECDSA verification");
  }
  int verified =
      EVP_DigestVerify(context.get(), der.data(), der.size(), message.data(), message.size());
  // 0 is a wrong signature; below 0 is a malformed one (r or s zero), also not valid.
  ERR_clear_error();
  return verified == 1;
}

Result<EcdsaKeyPair> EcdsaKeyPair::from_private_key(EcdsaCurve curve, ByteView private_key) {
  const Curve& info = curve_info(curve);
  if (private_key.size() != info.scalar_size) {
    return make_error(ErrorCode::invalid_key,
                      std::string("a ") + info.name + " private key must be " +
                          std::to_string(info.scalar_size) + " bytes, got " +
                          std::to_string(private_key.size()));
  }
  auto group = make_group(info);
  if (!group) return group.error();
  BnCtxPtr bn_context(BN_CTX_new());
  BignumPtr scalar(BN_bin2bn(private_key.data(), static_cast<int>(private_key.size()), nullptr));
  PointPtr point(EC_POINT_new(group->get()));
  if (!bn_context || !scalar || !point) return openssl_error("out of memory");
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), EC_GROUP_get0_order(group->get())) >= 0) {
    return make_error(ErrorCode::invalid_key,
                      std::string("the ") + info.name + " private key is not in the range 1..n-1");
  }
  if (EC_POINT_mul(group->get(), point.get(), scalar.get(), nullptr, nullptr, bn_context.get()) !=
      1) {
    return openssl_error("cannot derive the public key");
  }
  auto compressed = compress(group->get(), point.get(), bn_context.get());
  if (!compressed) return compressed.error();
  auto key = make_pkey(info, *compressed, scalar.get());
  if (!key) return key.error();
  EcdsaKeyPair pair;
  pair.public_key_.curve_ = curve;
  pair.public_key_.bytes_ = std::move(*compressed);
  pair.public_key_.key_ = *key;
  pair.key_ = std::move(*key);
  pair.private_key_ = SecretBytes(private_key);
  return pair;
}

Result<EcdsaKeyPair> EcdsaKeyPair::generate(EcdsaCurve curve, RandomSource& random) {
  // Rejection sampling: a draw of n or more happens with probability below 2^-32.
  constexpr int max_draws = 64;
  SecretBytes scalar(ecdsa_scalar_size(curve));
  for (int draw = 0; draw < max_draws; ++draw) {
    random.fill(scalar.span());
    auto pair = from_private_key(curve, scalar.view());
    if (pair || pair.error().code != ErrorCode::invalid_key) return pair;
  }
  return make_error(ErrorCode::crypto_error,
                    "the random source gave no usable private key in 64 draws");
}

Result<Bytes> EcdsaKeyPair::sign(ByteView message) const {
  const Curve& info = curve_info(curve());
  MdCtxPtr context(EVP_MD_CTX_new());
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, info.hash(), nullptr, key_.get()) != 1) {
    return openssl_error("cannot start ECDSA signing");
  }
  std::size_t der_size = 0;
  if (EVP_DigestSign(context.get(), nullptr, &der_size, message.data(), message.size()) != 1) {
    return openssl_error("cannot sign");
  }
  Bytes der(der_size);
  if (EVP_DigestSign(context.get(), der.data(), &der_size, message.data(), message.size()) != 1) {
    return openssl_error("cannot sign");
  }
  const unsigned char* cursor = der.data();
  SignaturePtr parsed(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der_size)));
  if (!parsed) return openssl_error("cannot read OpenSSL's signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(parsed.get(), &r, &s);
  const int half = static_cast<int>(info.scalar_size);
  Bytes raw(2 * info.scalar_size);
  if (BN_bn2binpad(r, raw.data(), half) != half ||
      BN_bn2binpad(s, raw.data() + half, half) != half) {
    return openssl_error("cannot encode the signature");
  }
  return raw;
}

Result<bool> ecdsa_verify(EcdsaCurve curve, ByteView public_key, ByteView message,
                          ByteView signature) {
  auto key = EcdsaPublicKey::parse(curve, public_key);
  if (!key) return key.error();
  return key->verify(message, signature);
}

}  // namespace microcred::crypto
