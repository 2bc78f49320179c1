//! Thin adapters over the browser's APIs (web-sys): HTTP behind the token gate and its URL
//! parser, storage, and idle-time scheduling. With the components, the only code that touches the DOM.

pub mod fetch;
pub mod idle;
pub mod storage;
