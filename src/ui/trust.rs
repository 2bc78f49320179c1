//! The dialog that asks the person to confirm the hosts a token would go to. What needs
//! confirming is decided by the token gate (`browser::fetch::token_verdict`, over
//! `app::host_policy`); confirmations are kept for the tab (`browser::storage`).

use leptos::html;
use leptos::prelude::*;

/// What the dialog asks about: the hosts, and whether any is reached over plain http.
pub use crate::app::host_policy::Confirmation;

/// A modal dialog naming the exact hosts; nothing is sent until "Send token" is pressed.
#[component]
pub fn ConfirmHostsDialog(
    pending: RwSignal<Option<Confirmation>>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let cancel_button = NodeRef::<html::Button>::new();
    // Focus moves into the dialog when it opens, so keyboard users land on it.
    Effect::new(move |_| {
        if pending.with(Option::is_some) {
            if let Some(button) = cancel_button.get() {
                let _ = button.focus();
            }
        }
    });
    move || {
        pending.get().map(|c| {
            let (title, send) = (c.question(), c.send_label());
            view! {
                <div class="backdrop">
                    <div
                        class="dialog"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="confirm-title"
                        aria-describedby="confirm-text"
                        on:keydown=move |ev| if ev.key() == "Escape" { on_cancel.run(()) }
                    >
                        <h2 id="confirm-title">{title}</h2>
                        <div id="confirm-text">
                            <p>"This view sends your token to a host that is not the provider's own and that you have not chosen in this tab:"</p>
                            <ul class="hosts">{c.hosts.iter().map(|h| view! { <li><strong>{h.clone()}</strong></li> }).collect_view()}</ul>
                            <p>"Continue only if you trust it. Whoever runs it can use your token."</p>
                            {c.insecure.then(|| view! {
                                <p class="warning">"Warning: plain http:// to a host that is not this machine — the token would cross the network unencrypted."</p>
                            })}
                        </div>
                        <div class="actions">
                            <button type="button" class="primary" on:click=move |_| on_confirm.run(())>{send}</button>
                            <button type="button" node_ref=cancel_button on:click=move |_| on_cancel.run(())>"Cancel"</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
