//! `aiohttp` as 44.3 uses it, over the engine's HTTP client (`engine::http`): `ClientSession`
//! (`async with`), `session.get(url, raise_for_status=…, timeout=…)` awaited or entered with
//! `async with`, `response.status`/`.reason`/`.url`, `await response.text()`,
//! `response.raise_for_status()`, `ClientTimeout(total=…)` and aiohttp's exceptions.

use std::cell::RefCell;
use std::rc::Rc;

use super::interp::Interp;
use super::native::Native;
use super::value::{Builtin, BuiltinId, Module, Namespace, PyResult, Value};
use crate::engine::{ClientResponse, ClientSession, GetOptions};

/// The aiohttp objects a program holds.
pub enum Http {
    Session(ClientSession),
    /// `session.get(...)` before it is awaited or entered.
    Request {
        session: ClientSession,
        url: String,
        options: GetOptions,
    },
    Response {
        status: u16,
        reason: String,
        url: String,
        body: RefCell<Option<ClientResponse>>,
    },
    Timeout(Option<f64>),
}

pub fn install(interp: &Rc<Interp>) {
    let m = Rc::new(Module { name: "aiohttp", attrs: Namespace::default() });
    for f in ["ClientSession", "ClientTimeout"] {
        m.attrs.set(
            Rc::from(f),
            Value::Builtin(Rc::new(Builtin { name: f, id: BuiltinId::Module("aiohttp"), self_: None })),
        );
    }
    for class in
        ["ClientError", "ClientResponseError", "ClientConnectionError", "ClientConnectorError", "ServerTimeoutError"]
    {
        m.attrs.set(Rc::from(class), Value::Class(interp.class(class)));
    }
    interp.modules.borrow_mut().insert("aiohttp", Value::Module(m));
}

fn http(v: &Value) -> Option<&Http> {
    match v {
        Value::Native(n) => match &**n {
            Native::Http(h) => Some(h),
            _ => None,
        },
        _ => None,
    }
}

impl Interp {
    fn http_value(h: Http) -> Value {
        Value::Native(Rc::new(Native::Http(h)))
    }

    pub fn call_aiohttp(
        self: &Rc<Self>,
        name: &str,
        _args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        match name {
            "ClientSession" => Ok(Self::http_value(Http::Session(self.aio.client_session()))),
            _ => {
                let total = match kwargs.iter().find(|(k, _)| &**k == "total").map(|(_, v)| v.clone()) {
                    None | Some(Value::None) => None,
                    Some(v) => match super::ops::num_opt(&v) {
                        Some(n) => Some(n.f()),
                        None => return self.err("TypeError", "ClientTimeout(total=…) takes a number of seconds"),
                    },
                };
                Ok(Self::http_value(Http::Timeout(total)))
            }
        }
    }

    pub fn http_attr(self: &Rc<Self>, obj: &Value, attr: &str) -> Option<PyResult<Value>> {
        let h = http(obj)?;
        let method = |m: &'static str| Some(Ok(self.builtin_method(obj, m, BuiltinId::NativeMethod)));
        match (h, attr) {
            (Http::Session(_), "get") => method("get"),
            (Http::Session(_), "close") => method("close"),
            (Http::Session(_), "__aenter__") => method("__aenter__"),
            (Http::Session(_), "__aexit__") => method("__aexit__"),
            (Http::Request { .. }, "__aenter__") => method("__aenter__"),
            (Http::Request { .. }, "__aexit__") => method("__aexit__"),
            (Http::Response { .. }, "text") => method("text"),
            (Http::Response { .. }, "json") => method("json"),
            (Http::Response { .. }, "raise_for_status") => method("raise_for_status"),
            (Http::Response { .. }, "release") => method("release"),
            (Http::Response { .. }, "__aenter__") => method("__aenter__"),
            (Http::Response { .. }, "__aexit__") => method("__aexit__"),
            (Http::Response { status, .. }, "status") => Some(Ok(Value::Int(*status as i64))),
            (Http::Response { reason, .. }, "reason") => Some(Ok(Value::str(reason))),
            (Http::Response { url, .. }, "url") => Some(Ok(Value::str(url))),
            (Http::Timeout(t), "total") => Some(Ok(t.map(Value::Float).unwrap_or(Value::None))),
            _ => Some(self.err(
                "NotImplementedError",
                format!("aiohttp: '{attr}' of {} is not supported by the playground yet", self.type_name(obj)),
            )),
        }
    }

    pub fn call_http_method(
        self: &Rc<Self>,
        this: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let Some(h) = http(this) else { return Ok(Value::None) };
        match (h, name) {
            (Http::Session(s), "get") => {
                let Some(Value::Str(url)) = args.first() else {
                    return self.err("TypeError", "session.get() needs the URL as a string");
                };
                let mut options = GetOptions::default();
                for (k, v) in &kwargs {
                    match &**k {
                        "raise_for_status" => options.raise_for_status = self.truthy(v)?,
                        "timeout" => match http(v) {
                            Some(Http::Timeout(t)) => options.timeout = *t,
                            _ => match super::ops::num_opt(v) {
                                Some(n) => options.timeout = Some(n.f()),
                                None if matches!(v, Value::None) => {}
                                None => return self.err("TypeError", "timeout must be an aiohttp.ClientTimeout"),
                            },
                        },
                        other => {
                            return self.err(
                                "NotImplementedError",
                                format!("session.get(…, {other}=…) is not supported by the playground yet"),
                            )
                        }
                    }
                }
                Ok(Self::http_value(Http::Request { session: s.clone(), url: url.to_string(), options }))
            }
            (Http::Session(_), "__aenter__") => {
                let this2 = this.clone();
                Ok(self.awaitable("__aenter__", async move { Ok(this2) }))
            }
            (Http::Session(s), "__aexit__" | "close") => {
                let closing = s.close();
                Ok(self.awaitable("close", async move {
                    closing.await;
                    Ok(Value::None)
                }))
            }
            (Http::Request { .. }, "__aenter__") => Ok(self.send_request(this)),
            (Http::Response { .. }, "__aexit__") | (Http::Request { .. }, "__aexit__") => {
                Ok(self.awaitable("__aexit__", async { Ok(Value::None) }))
            }
            (Http::Response { .. }, "__aenter__") => {
                let this2 = this.clone();
                Ok(self.awaitable("__aenter__", async move { Ok(this2) }))
            }
            // JSON is not parsed by the playground (the json module is left out of the wasm).
            (Http::Response { .. }, "json") => self.err(
                "NotImplementedError",
                "ClientResponse.json() is not supported by the playground yet: response.text() gives the body",
            ),
            (Http::Response { body, .. }, "text") => {
                let Some(response) = body.borrow_mut().take() else {
                    return self.err("ClientConnectionError", "Connection closed");
                };
                let me = self.clone();
                Ok(self.awaitable("text", async move {
                    let text = response.text().await.map_err(|e| me.engine_exception(e))?;
                    me.yielded();
                    Ok(Value::str(&text))
                }))
            }
            (Http::Response { status, reason, url, .. }, "raise_for_status") => {
                if *status >= 400 {
                    let message = format!(
                        "{status}, message={}, url={}",
                        super::format::str_repr(reason),
                        super::format::str_repr(url)
                    );
                    return self.err("ClientResponseError", message);
                }
                Ok(Value::None)
            }
            (Http::Response { body, .. }, "release") => {
                body.borrow_mut().take();
                Ok(Value::None)
            }
            _ => self.err("NotImplementedError", format!("aiohttp: {name}() is not supported by the playground yet")),
        }
    }

    /// Awaiting `session.get(...)` (or entering it): the request is sent, the head awaited.
    pub fn send_request(self: &Rc<Self>, request: &Value) -> Value {
        let Some(Http::Request { session, url, options }) = http(request) else {
            return Value::None;
        };
        let head = session.get(url, *options);
        let me = self.clone();
        self.awaitable("get", async move {
            let response = head.await.map_err(|e| me.engine_exception(e))?;
            me.yielded();
            Ok(Self::http_value(Http::Response {
                status: response.status,
                reason: response.reason.clone(),
                url: response.url.clone(),
                body: RefCell::new(Some(response)),
            }))
        })
    }

    pub fn is_http_request(&self, v: &Value) -> bool {
        matches!(http(v), Some(Http::Request { .. }))
    }

    pub fn http_type_name(&self, v: &Value) -> &'static str {
        match http(v) {
            Some(Http::Session(_)) => "ClientSession",
            Some(Http::Request { .. }) => "_RequestContextManager",
            Some(Http::Response { .. }) => "ClientResponse",
            Some(Http::Timeout(_)) => "ClientTimeout",
            None => "object",
        }
    }
}
