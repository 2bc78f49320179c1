//! The cleanup plan panel: the rules as labelled fields (all written to the URL, so a policy
//! is a link), the deployment's named policies, the summary over the whole repository, what
//! each rule does, and the delete list. A dry run: nothing here deletes anything.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::cleanup::{delete_list_label, write_summary};
use crate::app::config::NamedPlan;
use crate::app::url_state::ViewState;
use crate::engine::plan::{KeepRecent, Plan, PlanView, Rules};
use crate::ui::choice::Choice;
use crate::ui::use_clipboard::use_clipboard;

/// The plan on screen: computed over the whole repository, with the moment it counts from
/// and whether that moment is pinned by the link.
#[derive(Clone)]
pub struct ActivePlan {
    pub plan: Arc<Plan>,
    /// The rules it was made from (reasons name them).
    pub rules: Rules,
    pub pinned: bool,
}

/// A new plan is a new value: comparing the decisions themselves would cost what making
/// them did.
impl PartialEq for ActivePlan {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.plan, &other.plan) && self.pinned == other.pinned
    }
}

#[component]
pub fn PlanPanel(
    #[prop(into)] view_state: Signal<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    /// The deployment's named policies.
    policies: Vec<NamedPlan>,
    #[prop(into)] active: Signal<Option<ActivePlan>>,
    /// `Err(why)` while decisions may still change.
    complete: Memo<Result<(), String>>,
    /// How many lines the delete list of the rows in view has.
    delete_count: Memo<usize>,
    /// Builds that list, on demand (`None`: the registry host is unknown).
    delete_list: Callback<(), Option<Vec<String>>>,
    /// Whether the registry host, and so a delete list, is known.
    registry_known: Memo<bool>,
) -> impl IntoView {
    let rules = Memo::new(move |_| view_state.with(|v| v.rules.clone()));
    let active_rules = Memo::new(move |_| rules.with(Rules::is_active));
    let set_rules = move |change: &dyn Fn(&mut Rules)| {
        let mut next = view_state.get_untracked();
        change(&mut next.rules);
        next.page = 1;
        set_view.run((next, false));
    };

    let new_tag = RwSignal::new(String::new());
    let add_tag = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let glob = new_tag.get_untracked().trim().to_string();
        if !glob.is_empty() {
            set_rules(&|r: &mut Rules| r.keep_tag.push(glob.clone()));
            new_tag.set(String::new());
        }
    };
    let (recent_count, recent_glob) = (RwSignal::new(String::from("10")), RwSignal::new(String::new()));
    let recent_error = RwSignal::new(None::<String>);
    let add_recent = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let glob = recent_glob.get_untracked().trim().to_string();
        let value = if glob.is_empty() {
            recent_count.get_untracked()
        } else {
            format!("{}:{glob}", recent_count.get_untracked().trim())
        };
        match KeepRecent::parse(value.trim()) {
            Some(rule) => {
                recent_error.set(None);
                set_rules(&|r: &mut Rules| r.keep_recent.push(rule.clone()));
            }
            None => recent_error.set(Some("Enter a count of 1 or more.".into())),
        }
    };
    let days_field = move |id: &'static str,
                           label: &'static str,
                           get: fn(&Rules) -> Option<u32>,
                           put: fn(&mut Rules, Option<u32>)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="number"
                    min="0"
                    max="36500"
                    inputmode="numeric"
                    placeholder="off"
                    prop:value=move || rules.with(|r| get(r).map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let days = event_target_value(&ev).trim().parse::<u32>().ok().filter(|&d| d <= 36_500);
                        set_rules(&|r: &mut Rules| put(r, days));
                    }
                />
            </div>
        }
    };

    let policies = StoredValue::new(policies);
    let policy_picker = move || {
        let names: Vec<String> = policies.with_value(|p| p.iter().map(|p| p.name.clone()).collect());
        (!names.is_empty()).then(|| {
            let choose = move |ev: leptos::ev::Event| {
                let chosen = event_target_value(&ev).parse::<usize>().ok();
                if let Some(rules) = chosen.and_then(|i| policies.with_value(|p| p.get(i).map(|p| p.rules.clone()))) {
                    set_rules(&|r: &mut Rules| *r = rules.clone());
                }
            };
            view! {
                <div class="field">
                    <label for="plan-policy">"Saved policies"</label>
                    <select id="plan-policy" on:change=choose>
                        <option value="" selected=true>"Choose…"</option>
                        {names.into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string()>{n}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    };

    let plan_view = Memo::new(move |_| view_state.with(|v| v.plan_view));
    let on_plan_view = Callback::new(move |plan_view: PlanView| {
        set_view.run((ViewState { plan_view, page: 1, ..view_state.get_untracked() }, false));
    });
    let view_options = [
        (PlanView::All, "All decisions"),
        (PlanView::Delete, "Delete only"),
        (PlanView::Keep, "Keep only"),
        (PlanView::Unknown, "Unknown only"),
    ]
    .map(|(v, text)| (v, v.as_str().to_string(), text.to_string()))
    .to_vec();
    let view_options = StoredValue::new(view_options);

    let clipboard = use_clipboard();
    let copied = clipboard.copied;
    let copy = move |text: &str| clipboard.copy(text);
    let copy_list = Callback::new(move |_: ()| {
        if let Some(lines) = delete_list.run(()) {
            copy(&lines.join("\n"));
        }
    });
    let list_blocked = Signal::derive(move || match (complete.get(), registry_known.get()) {
        (Err(why), _) => Some(why),
        (Ok(()), false) => Some("The registry host is unknown: set registry_hosts in config.json.".to_string()),
        (Ok(()), true) => None,
    });

    // Markup (`app::cleanup`), rewritten whole on every change of the plan.
    let summary = Memo::new(move |_| {
        let incomplete = complete.with(|c| c.as_ref().err().cloned());
        active.with(|a| {
            a.as_ref()
                .map(|a| write_summary(a.plan.summary(), a.plan.now, a.pinned, incomplete.as_deref()))
                .unwrap_or_default()
        })
    });

    view! {
        <section class="plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Cleanup plan"</h2>
            <p class="help">
                "A dry run: Lading never deletes anything. An artifact is deleted by the plan when no rule keeps it; each rule looks at the whole repository."
            </p>
            {policy_picker}
            <fieldset>
                <legend>"Keep tags matching"</legend>
                {rule_list(
                    Signal::derive(move || rules.with(|r| r.keep_tag.iter().map(|g| (g.clone(), format!("keep tag {g}"))).collect())),
                    Callback::new(move |i: usize| set_rules(&|r: &mut Rules| { r.keep_tag.remove(i); })),
                )}
                <form class="add-rule" on:submit=add_tag>
                    <label for="keep-tag">"Tag glob"</label>
                    <input id="keep-tag" type="text" placeholder="v*" spellcheck="false"
                        prop:value=move || new_tag.get() on:input=move |ev| new_tag.set(event_target_value(&ev)) />
                    <button type="submit">"Add tag rule"</button>
                </form>
            </fieldset>
            <fieldset>
                <legend>"Keep the most recently pushed"</legend>
                {rule_list(
                    Signal::derive(move || rules.with(|r| {
                        r.keep_recent.iter().map(|k| {
                            let text = format!("{} of {}", k.count, k.glob);
                            (text.clone(), format!("keep recent {text}"))
                        }).collect()
                    })),
                    Callback::new(move |i: usize| set_rules(&|r: &mut Rules| { r.keep_recent.remove(i); })),
                )}
                <form class="add-rule" on:submit=add_recent>
                    <label for="keep-recent-count">"Count"</label>
                    <input id="keep-recent-count" type="number" min="1" inputmode="numeric"
                        prop:value=move || recent_count.get() on:input=move |ev| recent_count.set(event_target_value(&ev)) />
                    <label for="keep-recent-glob">"Of tags matching"</label>
                    <input id="keep-recent-glob" type="text" placeholder="* (every tagged artifact)" spellcheck="false"
                        prop:value=move || recent_glob.get() on:input=move |ev| recent_glob.set(event_target_value(&ev)) />
                    <button type="submit">"Add recent rule"</button>
                    {move || recent_error.get().map(|e| view! { <p class="notice warning" role="alert">{e}</p> })}
                </form>
            </fieldset>
            {days_field("keep-pushed-within", "Keep pushed within (days)", |r| r.keep_pushed_within, |r, d| r.keep_pushed_within = d)}
            {days_field("keep-pulled-within", "Keep pulled within (days)", |r| r.keep_pulled_within, |r, d| r.keep_pulled_within = d)}
            // Built with the panel and shown with the first rule: that change then draws only
            // what the plan decides, not the controls too.
            <div hidden=move || !active_rules.get()>
                <Choice id="plan-view" label="Show" options=view_options.get_value() selected=plan_view on_change=on_plan_view />
                <div aria-live="polite" class="plan-result" inner_html=summary></div>
                <div class="actions">
                    <button
                        type="button"
                        class="primary"
                        aria-describedby="delete-list-help"
                        disabled=move || list_blocked.with(Option::is_some)
                        on:click=move |_| copy_list.run(())
                    >
                        {move || delete_list_label(delete_count.get())}
                    </button>
                    <button type="button" on:click=move |_| set_rules(&|r: &mut Rules| *r = Rules::default())>"Clear plan"</button>
                </div>
                <p id="delete-list-help" class="help">
                    {move || list_blocked.get().unwrap_or_else(|| {
                        "One <registry>/<repository>@<digest> per line, for the rows in view, each index followed by its children and accessories.".to_string()
                    })}
                    {move || copied.get().then_some(" Copied.")}
                </p>
            </div>
        </section>
    }
}

/// The rules of one kind, each with its Remove button: (shown text, what the button removes).
fn rule_list(items: Signal<Vec<(String, String)>>, on_remove: Callback<usize>) -> impl IntoView {
    view! {
        <ul class="rules">
            {move || {
                items
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, what))| {
                        view! {
                            <li>
                                <code>{text}</code>
                                <button type="button" aria-label=format!("Remove {what}") on:click=move |_| on_remove.run(i)>
                                    "Remove"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
