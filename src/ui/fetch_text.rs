//! What 44.3's failures mean, in words for a learner: one sentence per exception aiohttp raises
//! here, used by the console, the requests table and the timeline's tooltips.

/// Why a request ended with exception `kind` (message `message`), and what Python would do.
pub fn explain(kind: &str, message: &str) -> String {
    match kind {
        "ClientResponseError" => {
            "The server answered with an error status; raise_for_status=True turned it into this exception (without it, aiohttp would have returned the error page's text).".to_string()
        }
        "TimeoutError" => {
            "No complete answer within TIMEOUT: aiohttp gave up and the browser aborted the request (AbortController).".to_string()
        }
        "ClientConnectionError" if message.contains("Connector is closed") => {
            "This request was still going when the session closed: leaving `async with aiohttp.ClientSession()` (here because of another request's exception) closes it and fails what is still open.".to_string()
        }
        "ClientConnectorError" if message.contains("sample API") || message.contains("service worker") => {
            "The sample API could not answer: its service worker is not running in this browser.".to_string()
        }
        "ClientConnectorError" if message.contains("offline") => {
            "No network: the browser is offline. The sample API (sample-api/… URLs) works offline.".to_string()
        }
        "ClientConnectorError" => {
            "Nothing answered at that address: no such host, nothing listening, or no network. Python would fail the same way.".to_string()
        }
        "ClientError" if message.contains("CORS") => {
            "The server answered, but browsers only let a page read another site's answer if that site allows it (CORS). Python has no such rule: this request works there.".to_string()
        }
        "ClientPayloadError" => "The body broke off before it was complete.".to_string(),
        "InvalidUrlClientError" => "That is not a URL a request can be made to.".to_string(),
        "CancelledError" => "Cancelled at its await: the browser aborted the request.".to_string(),
        _ => String::new(),
    }
}
