//! End-to-end tests: the real gateway router over SQLite and over a real PostgreSQL.

mod amend_transfer;
mod audit;
mod auth;
mod events;
mod first_slice;
mod found_persons;
mod fuzz;
mod graph;
mod http;
mod limits;
mod matrix;
mod migrations;
mod modus_operandi;
mod national_searches;
mod persisted;
mod persons;
mod posture;
mod readme;
mod register_fir;
mod restricted;
mod search;
mod statements;
mod statistics;
mod websocket;
mod workflow;
