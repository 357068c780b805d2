//! Exports leaving the page: a file download (a Blob behind an `<a download>`), the timeline as a
//! standalone SVG (its CSS inlined) and as a PNG (that SVG drawn on a canvas at 2x), and handing
//! the trace to the Perfetto UI with its documented `window.open` + PING/PONG + `postMessage`
//! handshake. What is exported is built by the pure `crate::report`; this only delivers it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
pub const PERFETTO_ORIGIN: &str = "https://ui.perfetto.dev";
/// How often to PING the Perfetto window, and how long to wait for its PONG.
const PING_EVERY_MS: u32 = 50;
const PONG_WITHIN_MS: u32 = 10_000;

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn error(message: &str) -> JsValue {
    JsValue::from_str(message)
}

/// Save `text` as `file_name` (`mime` says what it is).
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(file_name, &blob)
}

/// Save `blob` as `file_name`: an object URL clicked through a detached `<a download>`. The URL is
/// revoked a little later, not at once: the download reads it after the click returns.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let document = document().ok_or_else(|| error("no document"))?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The timeline on the page as a standalone SVG document: its drawing, the hatching patterns it
/// fills bars with (they live in the legend's `<defs>`), and the page's CSS rules that apply to
/// it with the light theme's colours, in a `<style>`, so it looks the same opened on its own.
/// Returns the text and its size in CSS pixels. When the page draws the lanes of a long run in a
/// scrolling box (only the rows near the scroll position exist), the picture has the axis and
/// those rows, cut to them, and says which of `lanes` they are.
pub fn timeline_svg(title: &str, lanes: usize) -> Result<(String, f64, f64), JsValue> {
    let document = document().ok_or_else(|| error("no document"))?;
    let root = document.query_selector("[data-testid=timeline]")?.ok_or_else(|| error("no timeline on the page"))?;
    let parts: Vec<Element> = if root.tag_name().eq_ignore_ascii_case("svg") {
        vec![root.clone()]
    } else {
        let list = root.query_selector_all("svg.timeline")?;
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    };
    let scrolled = !root.tag_name().eq_ignore_ascii_case("svg");
    let size = |el: &Element, name: &str| el.get_attribute(name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    let mut copies = Vec::new();
    let mut note = None;
    for part in &parts {
        let copy: Element = part.clone_node_with_deep(true)?.unchecked_into();
        if scrolled {
            if let Some((top, bottom, drawn)) = rows_extent(&copy)? {
                // Only the rendered rows, not the empty height the others would fill.
                let width = size(&copy, "width");
                copy.set_attribute("viewBox", &format!("0 {top} {width} {}", bottom - top))?;
                copy.set_attribute("height", &(bottom - top).to_string())?;
                if drawn < lanes {
                    note = Some(format!(
                        "{drawn} of the {lanes} lanes: the ones in view on the page when saved (the trace .json has them all)"
                    ));
                }
            }
        }
        copies.push(copy);
    }
    const NOTE_H: f64 = 24.0;
    let width = copies.iter().map(|p| size(p, "width")).fold(0.0, f64::max).max(1.0);
    let height = copies.iter().map(|p| size(p, "height")).sum::<f64>().max(1.0) + note.as_ref().map_or(0.0, |_| NOTE_H);

    let out = document.create_element_ns(Some(SVG_NS), "svg")?;
    out.set_attribute("width", &width.to_string())?;
    out.set_attribute("height", &height.to_string())?;
    out.set_attribute("viewBox", &format!("0 0 {width} {height}"))?;
    out.set_attribute("class", "timeline-export")?;
    let heading = document.create_element_ns(Some(SVG_NS), "title")?;
    heading.set_text_content(Some(title));
    out.append_child(&heading)?;
    let style = document.create_element_ns(Some(SVG_NS), "style")?;
    let mut targets = parts.clone();
    let defs = document.query_selector("svg.defs defs")?;
    if let Some(defs) = &defs {
        targets.push(defs.clone());
    }
    style.set_text_content(Some(&css_for(&document, &targets)));
    out.append_child(&style)?;
    if let Some(defs) = defs {
        out.append_child(&defs.clone_node_with_deep(true)?)?;
    }
    // A background, as the page has one: transparent would show whatever the viewer puts behind.
    let background = document.create_element_ns(Some(SVG_NS), "rect")?;
    for (name, value) in [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")] {
        background.set_attribute(name, value)?;
    }
    out.append_child(&background)?;
    let mut y = 0.0;
    for copy in &copies {
        copy.set_attribute("x", "0")?;
        copy.set_attribute("y", &y.to_string())?;
        y += size(copy, "height");
        out.append_child(copy)?;
    }
    if let Some(note) = note {
        let text = document.create_element_ns(Some(SVG_NS), "text")?;
        text.set_attribute("x", "12")?;
        text.set_attribute("y", &(y + 16.0).to_string())?;
        // Presentation attributes, not a class: the page may have no rule for it in use.
        for (name, value) in [("fill", "#5b6470"), ("font-size", "12"), ("font-family", "system-ui, sans-serif")] {
            text.set_attribute(name, value)?;
        }
        text.set_text_content(Some(&note));
        out.append_child(&text)?;
    }
    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&out)?;
    // No XML declaration: UTF-8 is XML's default, and the file starts with `<svg` as people expect.
    Ok((format!("{text}\n"), width, height))
}

/// The vertical extent of the rows drawn in `svg` (each a child of `g.lanes` placed with
/// `translate(0,top)`, its background rect giving its height) and how many of them are lanes.
fn rows_extent(svg: &Element) -> Result<Option<(f64, f64, usize)>, JsValue> {
    let rows = svg.query_selector_all(".lanes > g")?;
    let mut extent: Option<(f64, f64)> = None;
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|r| r.dyn_into::<Element>().ok()) else { continue };
        let top = row
            .get_attribute("transform")
            .and_then(|t| t.strip_prefix("translate(0,")?.strip_suffix(')')?.trim().parse::<f64>().ok());
        let height =
            row.query_selector("rect")?.and_then(|r| r.get_attribute("height")).and_then(|h| h.parse::<f64>().ok());
        if let (Some(top), Some(height)) = (top, height) {
            let (lo, hi) = extent.unwrap_or((top, top + height));
            extent = Some((lo.min(top), hi.max(top + height)));
        }
    }
    let lanes = svg.query_selector_all("[data-testid=lane]")?.length() as usize;
    Ok(extent.map(|(top, bottom)| (top, bottom, lanes)))
}

/// The page's style rules that apply to `targets` or inside them, plus `:root`'s (the colour
/// variables). Only top-level rules: the dark theme and the narrow layout are `@media` blocks,
/// and the export is the light theme at the width it was drawn.
fn css_for(document: &Document, targets: &[Element]) -> String {
    let mut css = String::new();
    let sheets = document.style_sheets();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets.get(i).and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok()) else { continue };
        let Ok(rules) = sheet.css_rules() else { continue };
        for j in 0..rules.length() {
            let Some(rule) = rules.item(j).and_then(|r| r.dyn_into::<web_sys::CssStyleRule>().ok()) else { continue };
            let selector = rule.selector_text();
            // A selector the DOM cannot evaluate (a vendor pseudo-element) is not ours.
            let applies = selector == ":root"
                || targets.iter().any(|t| {
                    t.matches(&selector).unwrap_or(false) || t.query_selector(&selector).ok().flatten().is_some()
                });
            if applies {
                css.push_str(&rule.css_text());
                css.push('\n');
            }
        }
    }
    // Whatever the viewer's preference, the picture is the light theme.
    css.push_str(":root { color-scheme: light; }\n");
    css
}

/// The SVG drawn on a canvas at `scale`x, as a PNG. The SVG goes in as a `data:` URL, which the
/// page's Content-Security-Policy already allows for images (`img-src 'self' data:`), and which
/// doesn't taint the canvas.
pub async fn svg_to_png(svg: &str, width: f64, height: f64, scale: f64) -> Result<web_sys::Blob, JsValue> {
    let document = document().ok_or_else(|| error("no document"))?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    let url = format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(svg));
    image.set_src(&url);
    JsFuture::from(loaded).await.map_err(|_| error("the browser could not draw the SVG"))?;

    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or_else(|| error("no 2d canvas"))?.unchecked_into();
    context.scale(scale, scale)?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, width, height);
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)?;
    let blob = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob_with_type(&resolve, "image/png") {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = JsFuture::from(blob).await?;
    blob.dyn_into::<web_sys::Blob>().map_err(|_| error("the canvas gave no PNG"))
}

/// How handing a trace to Perfetto ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerfettoOutcome {
    /// Perfetto answered PONG and was given the trace.
    Sent,
    /// The browser refused to open the window (a pop-up blocker).
    Blocked,
    /// No PONG within `PONG_WITHIN_MS` (offline, or ui.perfetto.dev unreachable).
    NoAnswer,
    /// The window was closed before it answered.
    Closed,
}

/// The handshake in progress: dropped (timers cancelled, listener removed) when it ends.
struct Handshake {
    _ping: Interval,
    _give_up: Timeout,
    listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
    done: Box<dyn FnOnce(PerfettoOutcome)>,
}

/// Open ui.perfetto.dev in a new window and hand it `json` (Perfetto's documented deep-linking
/// protocol): the window's message channel is not buffered, so PING it every 50 ms until it
/// answers PONG, then post `{perfetto: {buffer, title, fileName}}`. Must be called inside a
/// click: browsers only open windows for a user gesture. `done` hears how it ended.
pub fn open_in_perfetto(json: &str, title: &str, file_name: &str, done: impl FnOnce(PerfettoOutcome) + 'static) {
    let Some(window) = web_sys::window() else { return done(PerfettoOutcome::Blocked) };
    let popup = match window.open_with_url_and_target(PERFETTO_ORIGIN, "_blank") {
        Ok(Some(popup)) => popup,
        _ => return done(PerfettoOutcome::Blocked),
    };
    let message = perfetto_message(json, title, file_name);
    let slot: Rc<RefCell<Option<Handshake>>> = Rc::new(RefCell::new(None));

    let finish = {
        let (slot, window) = (slot.clone(), window.clone());
        move |outcome: PerfettoOutcome| {
            // Taken out first: a message arriving while we finish finds nothing to do.
            let Some(handshake) = slot.borrow_mut().take() else { return };
            let _ = window.remove_event_listener_with_callback("message", handshake.listener.as_ref().unchecked_ref());
            (handshake.done)(outcome);
        }
    };
    let listener = {
        let (finish, popup) = (finish.clone(), popup.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let from_popup = event.source().is_some_and(|source| js_sys::Object::is(&source, &popup));
            if from_popup && event.origin() == PERFETTO_ORIGIN && event.data().as_string().as_deref() == Some("PONG") {
                let _ = popup.post_message(&message, PERFETTO_ORIGIN);
                finish(PerfettoOutcome::Sent);
            }
        })
    };
    let ping = {
        let (finish, popup) = (finish.clone(), popup.clone());
        Interval::new(PING_EVERY_MS, move || {
            if popup.closed().unwrap_or(true) {
                finish(PerfettoOutcome::Closed);
            } else {
                // Until the window shows Perfetto it is about:blank, another origin: the
                // browser drops these, which is what the repetition is for.
                let _ = popup.post_message(&JsValue::from_str("PING"), PERFETTO_ORIGIN);
            }
        })
    };
    let give_up = {
        let finish = finish.clone();
        Timeout::new(PONG_WITHIN_MS, move || finish(PerfettoOutcome::NoAnswer))
    };
    if window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref()).is_err() {
        return done(PerfettoOutcome::NoAnswer);
    }
    *slot.borrow_mut() = Some(Handshake { _ping: ping, _give_up: give_up, listener, done: Box::new(done) });
}

/// `{perfetto: {buffer: ArrayBuffer, title, fileName}}`: the trace's UTF-8 bytes.
fn perfetto_message(json: &str, title: &str, file_name: &str) -> JsValue {
    let buffer = js_sys::Uint8Array::from(json.as_bytes()).buffer();
    let inner = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&inner, &"buffer".into(), &buffer);
    let _ = js_sys::Reflect::set(&inner, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&inner, &"fileName".into(), &file_name.into());
    let outer = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&outer, &"perfetto".into(), &inner);
    outer.into()
}
