//! `modus_operandi`: the catalogue of ways crimes are committed that stations record on
//! an FIR (CCTNS's "MO" details) and that officers search by across the country: the
//! pattern of a chain-snatching gang or an OTP-fraud call centre shows up in FIRs of many
//! stations. [`CATALOGUE`] is loaded by its migration.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One way of committing a crime.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "modus_operandi")]
pub struct Model {
    /// Stable code, e.g. `CHAIN_SNATCHING`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// The crime head it belongs under (the statute catalogue's vocabulary).
    pub crime_head: String,
    /// What it is, in words.
    pub description: String,
}

/// The catalogue has no relations of its own; FIRs link to it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The ways of committing a crime, as `(code, crime head, description)`.
pub const CATALOGUE: &[(&str, &str, &str)] = &[
    (
        "POCKET_PICKING_CROWD",
        "THEFT",
        "Pocket picked in a crowd (bus, train, market, festival)",
    ),
    (
        "MOBILE_SNATCHING_TWO_WHEELER",
        "THEFT",
        "Mobile phone snatched by riders on a two-wheeler",
    ),
    (
        "VEHICLE_LIFTING_MASTER_KEY",
        "THEFT",
        "Parked vehicle lifted with a master or duplicate key",
    ),
    (
        "VEHICLE_LIFTING_PUBLIC_PARKING",
        "THEFT",
        "Vehicle stolen from a public parking place",
    ),
    (
        "THEFT_BY_DOMESTIC_HELP",
        "THEFT",
        "Theft by a domestic servant or employee",
    ),
    (
        "DISTRACTION_THEFT",
        "THEFT",
        "Victim distracted (notes dropped, clothes soiled) while an accomplice steals",
    ),
    (
        "SHOP_LIFTING",
        "THEFT",
        "Goods lifted from a shop during business hours",
    ),
    (
        "LOCK_BREAKING_DAY",
        "BURGLARY",
        "House lock broken in daytime while the occupants were out",
    ),
    (
        "LOCK_BREAKING_NIGHT",
        "BURGLARY",
        "House broken into at night by breaking the lock",
    ),
    (
        "WINDOW_GRILL_CUT",
        "BURGLARY",
        "Entry by cutting or bending a window grill",
    ),
    (
        "ROOF_OR_WALL_BREACH",
        "BURGLARY",
        "Entry through a hole made in the roof or a wall",
    ),
    (
        "CHAIN_SNATCHING",
        "ROBBERY",
        "Gold chain snatched from a pedestrian by riders on a two-wheeler",
    ),
    (
        "HIGHWAY_ROBBERY",
        "ROBBERY",
        "Vehicle stopped on a highway and its occupants robbed at weapon point",
    ),
    (
        "ATM_ROBBERY",
        "ROBBERY",
        "Customer robbed at or near an ATM",
    ),
    (
        "DRUGGING_TRAVELLERS",
        "ROBBERY",
        "Travellers stupefied with spiked food or drink, then robbed",
    ),
    (
        "ARMED_HOUSE_DACOITY",
        "DACOITY",
        "Armed gang of five or more enters a house and loots it",
    ),
    (
        "ASSAULT_OVER_LAND_DISPUTE",
        "HURT",
        "Assault arising from a land or boundary dispute",
    ),
    (
        "ASSAULT_UNDER_INTOXICATION",
        "HURT",
        "Assault by persons under the influence of alcohol",
    ),
    (
        "FAKE_GOLD_SWINDLE",
        "CHEATING",
        "Fake gold sold as treasure found while digging",
    ),
    (
        "JOB_OFFER_FRAUD",
        "CHEATING",
        "Money taken for a promised job or visa",
    ),
    (
        "LAND_DOUBLE_SALE",
        "CHEATING",
        "The same plot sold to more than one buyer",
    ),
    (
        "OTP_FRAUD_BANK_OFFICIAL",
        "CYBER",
        "Caller posing as a bank official obtains an OTP or card details",
    ),
    (
        "ONLINE_MARKETPLACE_FRAUD",
        "CYBER",
        "Advance paid for goods offered online that never arrive",
    ),
    (
        "SEXTORTION_VIDEO_CALL",
        "CYBER",
        "Extortion with a recorded video call",
    ),
    (
        "INVESTMENT_APP_FRAUD",
        "CYBER",
        "Money lured into a fake trading or investment app",
    ),
    (
        "SIM_SWAP",
        "CYBER",
        "The victim's SIM re-issued to take over their bank accounts",
    ),
    (
        "DOWRY_DEMAND_HARASSMENT",
        "CRUELTY_BY_HUSBAND",
        "Wife harassed by husband or in-laws for dowry",
    ),
    ("MURDER_FOR_GAIN", "MURDER", "Killed for property or money"),
    (
        "MURDER_OVER_RELATIONSHIP",
        "MURDER",
        "Killing arising from an extramarital relationship",
    ),
    (
        "KIDNAPPING_FOR_RANSOM",
        "KIDNAPPING",
        "Victim abducted and a ransom demanded",
    ),
    (
        "ENTICEMENT_OF_MINOR",
        "KIDNAPPING",
        "Minor enticed away with a promise of marriage or a job",
    ),
    (
        "DRUG_COURIER_BUS_TRAIN",
        "NARCOTICS",
        "Narcotics carried by a courier on a bus or train",
    ),
];
