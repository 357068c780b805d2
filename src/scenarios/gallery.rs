//! The gallery: short programs beyond the chapter, one idea each, checked against CPython by the
//! differential corpus (their files are `gallery/<name>.py`).

/// One program of the gallery.
pub struct GalleryProgram {
    /// Its slug.
    pub name: &'static str,
    /// Its section id (links, `data-id`): `gallery-<name>`.
    pub id: &'static str,
    pub title: &'static str,
    /// One paragraph, in the page's voice: what to watch for.
    pub intro: &'static str,
    pub code: &'static str,
}

pub const GALLERY: [GalleryProgram; 1] = [GalleryProgram {
    name: "wait-for",
    id: "gallery-wait-for",
    title: "Timeouts",
    intro: "placeholder",
    code: "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n",
}];
