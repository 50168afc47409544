//! Relay global ids: opaque, typed identifiers for every record (`node(id)`).
//!
//! A global id is one AES-128 block, base64url without padding (22 characters): the row
//! id (8 bytes) and the first 8 bytes of SHA-256 of the type name, encrypted under the
//! id key from configuration (`CCTNS_ID_KEY`). Nothing in an id shows the row number, so
//! ids cannot be guessed or counted; an id that was not made with the key decrypts to a
//! block whose type tag matches no type (a forgery passes with probability 2⁻⁶⁴), and is
//! refused as malformed. Decoding checks the type, so an FIR id is never accepted where a
//! person id is expected.
//!
//! Ids are deterministic (the same record always has the same id, as Relay needs); events
//! and clients store them, so changing the key invalidates every id issued before.

use std::sync::OnceLock;

use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use aes::{Aes128, Block};
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};

/// Every type a global id may name. A type missing here cannot be decoded.
const KINDS: [&str; 21] = [
    "Arrest",
    "Case",
    "Complaint",
    "CourtCase",
    "CourtOrder",
    "FinalReport",
    "Fir",
    "FoundPerson",
    "Hearing",
    "MaskedPerson",
    "MissingPerson",
    "Officer",
    "OrgUnit",
    "PartyPerson",
    "Person",
    "PoliceStation",
    "PrisonRecord",
    "ProclaimedOffender",
    "PropertyItem",
    "Seizure",
    "UnidentifiedBody",
];

/// The key used when none is configured (development and tests only; production refuses
/// to start without `CCTNS_ID_KEY`).
pub const DEVELOPMENT_KEY: &str = "cctns-development-id-key";

static CIPHER: OnceLock<Aes128> = OnceLock::new();

/// Sets the id key for this process from the configured secret (any length; it is hashed
/// to 128 bits). Only the first call counts: ids must not change while the process runs.
pub fn configure(secret: &[u8]) {
    let _ = CIPHER.set(cipher_for(secret));
}

fn cipher_for(secret: &[u8]) -> Aes128 {
    let mut hasher = Sha256::new();
    hasher.update(b"cctns-global-id\0");
    hasher.update(secret);
    let digest = hasher.finalize();
    Aes128::new_from_slice(&digest[..16]).expect("an AES-128 key is 16 bytes")
}

fn cipher() -> &'static Aes128 {
    CIPHER.get_or_init(|| cipher_for(DEVELOPMENT_KEY.as_bytes()))
}

/// The 8-byte tag of a type name.
fn tag(kind: &str) -> [u8; 8] {
    let digest = Sha256::digest(kind.as_bytes());
    let mut tag = [0; 8];
    tag.copy_from_slice(&digest[..8]);
    tag
}

/// The tag of every type in [`KINDS`], in the same order, computed once.
fn tags() -> &'static [[u8; 8]; KINDS.len()] {
    static TAGS: OnceLock<[[u8; 8]; KINDS.len()]> = OnceLock::new();
    TAGS.get_or_init(|| KINDS.map(tag))
}

/// The tag of `kind`, one of [`KINDS`].
fn tag_of(kind: &str) -> [u8; 8] {
    match KINDS.iter().position(|k| *k == kind) {
        Some(i) => tags()[i],
        None => tag(kind),
    }
}

/// Encodes the global id of row `id` of the given GraphQL type.
pub fn encode(kind: &str, id: i64) -> ID {
    debug_assert!(KINDS.contains(&kind), "{kind} is not a global id type");
    let mut block = Block::default();
    block[..8].copy_from_slice(&id.to_be_bytes());
    block[8..].copy_from_slice(&tag_of(kind));
    cipher().encrypt_block(&mut block);
    ID(URL_SAFE_NO_PAD.encode(block))
}

/// Splits a global id into its type name and row id; `BAD_USER_INPUT` for anything not
/// made by [`encode`] with this process's key.
pub fn decode_any(id: &ID) -> ApiResult<(String, i64)> {
    let malformed = || ApiError::bad_input("malformed id");
    let bytes = URL_SAFE_NO_PAD
        .decode(id.as_str())
        .map_err(|_| malformed())?;
    if bytes.len() != 16 {
        return Err(malformed());
    }
    let mut block = Block::default();
    block.copy_from_slice(&bytes);
    cipher().decrypt_block(&mut block);
    let kind = KINDS
        .iter()
        .zip(tags())
        .find(|(_, tag)| tag[..] == block[8..])
        .map(|(kind, _)| kind)
        .ok_or_else(malformed)?;
    let mut row = [0u8; 8];
    row.copy_from_slice(&block[..8]);
    Ok(((*kind).to_owned(), i64::from_be_bytes(row)))
}

/// Decodes a global id that must name a record of type `kind`.
pub fn decode(kind: &str, id: &ID) -> ApiResult<i64> {
    match decode_any(id)? {
        (found, row) if found == kind => Ok(row),
        _ => Err(ApiError::bad_input(format!("id does not name a {kind}"))),
    }
}

/// [`decode`] for a mutation's input: a malformed id is `BAD_USER_INPUT` naming `field`.
pub fn decode_input(kind: &str, id: &ID, field: &str) -> ApiResult<i64> {
    decode(kind, id).map_err(|e| ApiError {
        field: Some(field.to_owned()),
        ..e
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_typed() {
        let id = encode("Fir", 77);
        assert_eq!(decode("Fir", &id).unwrap(), 77);
        assert!(decode("Person", &id).is_err());
        assert!(decode("Fir", &ID("%%%".into())).is_err());
    }

    #[test]
    fn ids_hide_the_row_number_and_cannot_be_forged() {
        let (a, b) = (encode("Person", 1), encode("Person", 2));
        assert_eq!(a.len(), 22);
        // Neighbouring rows share nothing visible: no counting, no guessing.
        let shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        assert!(shared < 4, "{a:?} and {b:?} share a prefix of {shared}");
        for plain in ["Person:1", "UGVyc29uOjE", "RmlyOjQwMA"] {
            assert!(decode_any(&ID(plain.into())).is_err(), "{plain} accepted");
        }
        // Flipping any one character of a real id makes it malformed, not another record.
        for i in 0..a.len() {
            let mut forged = a.as_bytes().to_vec();
            forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
            let forged = ID(String::from_utf8(forged).unwrap());
            assert!(decode_any(&forged).is_err(), "forged {forged:?} accepted");
        }
    }

    #[test]
    fn another_key_makes_other_ids() {
        let other = cipher_for(b"another deployment's key");
        let mut block = Block::default();
        block[..8].copy_from_slice(&1i64.to_be_bytes());
        block[8..].copy_from_slice(&tag("Person"));
        other.encrypt_block(&mut block);
        let foreign = ID(URL_SAFE_NO_PAD.encode(block));
        assert_ne!(foreign, encode("Person", 1));
        assert!(decode_any(&foreign).is_err());
    }

    #[test]
    fn every_kind_round_trips() {
        for kind in KINDS {
            assert_eq!(
                decode_any(&encode(kind, -5)).unwrap(),
                (kind.to_owned(), -5)
            );
        }
    }
}
