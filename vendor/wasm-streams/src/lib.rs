//! The two calls server_fn's browser client makes into wasm-streams 0.5, and no more.
//!
//! Lading has no server functions, so server_fn's streaming request and response bodies
//! never run; the real crate still costs 10 KB of wasm and three exported JS classes in
//! every build (measured: bench/results.md, "Code size"). Should a server function ever be
//! called, these throw a JS error saying why instead of misbehaving quietly.

pub mod readable {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use futures_util::Stream;
    use wasm_bindgen::JsValue;

    pub mod sys {
        pub use web_sys::ReadableStream;
    }

    const UNSUPPORTED: &str = "Lading has no server functions: streaming bodies are not built in";

    /// wasm-streams' `ReadableStream`: here only the raw stream it wraps.
    pub struct ReadableStream {
        raw: sys::ReadableStream,
    }

    impl ReadableStream {
        pub fn from_raw(raw: sys::ReadableStream) -> Self {
            Self { raw }
        }

        pub fn from_stream<St>(_stream: St) -> Self
        where
            St: Stream<Item = Result<JsValue, JsValue>> + 'static,
        {
            wasm_bindgen::throw_str(UNSUPPORTED)
        }

        pub fn into_raw(self) -> sys::ReadableStream {
            self.raw
        }

        pub fn into_stream(self) -> IntoStream {
            wasm_bindgen::throw_str(UNSUPPORTED)
        }
    }

    /// Never constructed: `into_stream` throws first.
    pub struct IntoStream(());

    impl Stream for IntoStream {
        type Item = Result<JsValue, JsValue>;

        fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(None)
        }
    }
}

pub use readable::ReadableStream;
