//! 44.3's network, as part of the run concern: whether the page can reach the internet and whether
//! the site's sample API is running. The side effects that produce `NetNews` (the probe, the service
//! worker) live in `components::url_list`; the reducer (`super`) hears the news here, and switches
//! the program's URLs when the page finds it is offline (see `Program::use_sample_urls`).

/// Can the page reach the internet (the chapter's host)?
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Online {
    /// Not asked yet (44.3 was not shown yet).
    #[default]
    Unknown,
    Checking,
    Yes,
    /// No: why the page thinks so.
    No(String),
}

/// The sample API's service worker (`browser::sample_api::Status`, as the page state holds it).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SampleApi {
    #[default]
    Unknown,
    Starting,
    Ready,
    Unavailable(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Net {
    pub online: Online,
    pub sample_api: SampleApi,
    /// Set when the page switched the chapter's URLs to the sample API because it is offline: why.
    /// Cleared once the person edits the list.
    pub switched: Option<String>,
}

/// News for the page about the network and the sample API.
#[derive(Clone, Debug, PartialEq)]
pub enum NetNews {
    Checking,
    Online,
    Offline(String),
    SampleApi(SampleApi),
}

impl Net {
    /// Take in `news`; true when it says the page is offline (the reducer then may switch 44.3's
    /// URLs to the sample API's).
    pub(super) fn hear(&mut self, news: NetNews) -> bool {
        match news {
            NetNews::Checking => self.online = Online::Checking,
            NetNews::Online => self.online = Online::Yes,
            NetNews::Offline(why) => {
                self.online = Online::No(why);
                return true;
            }
            NetNews::SampleApi(status) => self.sample_api = status,
        }
        false
    }
}
