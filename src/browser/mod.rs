//! Thin adapters over the browser's APIs (web-sys): HTTP behind the token gate and its URL
//! parser, and storage. With the components, the only code that touches the DOM.

pub mod fetch;
pub mod storage;
