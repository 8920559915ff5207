//! Fetching PyPI's `ziglang` wheel: the Zig compiler packed as a zip, one per
//! platform, with its SHA-256 published by the package index.
//!
//! The wheel is found through the index's simple API — JSON (PEP 691) where
//! the index serves it, else the HTML page (PEP 503) pip itself reads — at
//! `$PIP_INDEX_URL` if set (a company mirror), else PyPI. TLS trusts the
//! system's certificate store (networks that intercept TLS add their CA
//! there) and the usual `HTTPS_PROXY`/`ALL_PROXY`/`NO_PROXY` variables apply.
//! Nothing is run from the wheel but the compiler it holds.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The index used when `PIP_INDEX_URL` is unset.
const PYPI: &str = "https://pypi.org/simple/";

/// A wheel is refused past this size (0.11.0's are about 80 MB).
const MAX_WHEEL_BYTES: u64 = 400 << 20;

/// One file the index lists for the project.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IndexFile {
    pub filename: String,
    pub url: String,
    #[serde(default)]
    pub hashes: Hashes,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Hashes {
    pub sha256: Option<String>,
}

#[derive(Deserialize)]
struct ProjectPage {
    files: Vec<IndexFile>,
}

/// The simple API's address for the `ziglang` project.
pub fn project_url() -> String {
    let index = std::env::var("PIP_INDEX_URL").ok().filter(|url| !url.trim().is_empty());
    let index = index.as_deref().unwrap_or(PYPI).trim();
    format!("{}/ziglang/", index.trim_end_matches('/'))
}

/// Downloads the wheel of `version` for this machine into `into`, checking
/// its SHA-256; returns the wheel's file name.
pub fn download(version: &str, into: &mut std::fs::File) -> Result<String, String> {
    let agent = agent();
    let project = project_url();
    let files = list(&agent, &project)?;
    let platform = Platform::this().ok_or_else(|| {
        format!("PyPI's ziglang has no wheel for this machine ({} {})", std::env::consts::OS, std::env::consts::ARCH)
    })?;
    let wheel = choose(&files, version, platform).ok_or_else(|| {
        format!("{project} lists no ziglang {version} wheel for {platform} (is {version} a Zig release?)")
    })?;
    let sha256 =
        wheel.hashes.sha256.as_deref().ok_or_else(|| format!("{project} gives no SHA-256 for {}", wheel.filename))?;
    let url = absolute(&project, &wheel.url);
    let response = agent.get(&url).call().map_err(|e| format!("cannot download {url}: {e}"))?;
    let mut body = response.into_body().into_reader().take(MAX_WHEEL_BYTES + 1);
    let digest = copy_hashing(&mut body, into).map_err(|e| format!("cannot download {url}: {e}"))?;
    if digest != sha256.to_ascii_lowercase() {
        return Err(format!("{} does not match the index's SHA-256 (got {digest}, expected {sha256})", wheel.filename));
    }
    Ok(wheel.filename.clone())
}

/// An HTTP client with the system's roots and the environment's proxy.
fn agent() -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::PlatformVerifier).build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .proxy(ureq::Proxy::try_from_env())
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_body(Some(Duration::from_secs(600)))
        .build()
        .into()
}

/// The files of the project page, as JSON or HTML, whichever the index serves.
fn list(agent: &ureq::Agent, project: &str) -> Result<Vec<IndexFile>, String> {
    let response = agent
        .get(project)
        .header("Accept", "application/vnd.pypi.simple.v1+json, text/html;q=0.1")
        .call()
        .map_err(|e| format!("cannot read the package index at {project}: {e}"))?;
    let is_json =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    let body = response
        .into_body()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .map_err(|e| format!("cannot read the package index at {project}: {e}"))?;
    if is_json {
        serde_json::from_str::<ProjectPage>(&body)
            .map(|page| page.files)
            .map_err(|e| format!("the package index at {project} sent JSON that is not PEP 691: {e}"))
    } else {
        Ok(parse_html(&body))
    }
}

/// The anchors of a PEP 503 page: `<a href="…#sha256=…">file name</a>`.
fn parse_html(page: &str) -> Vec<IndexFile> {
    page.split("<a ")
        .skip(1)
        .filter_map(|anchor| {
            let href_start = anchor.find("href=\"")? + "href=\"".len();
            let href = &anchor[href_start..][..anchor[href_start..].find('"')?];
            let text = &anchor[anchor.find('>')? + 1..];
            let filename = text[..text.find("</a>")?].trim().to_string();
            let href = href.replace("&amp;", "&");
            let (url, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let sha256 = fragment.strip_prefix("sha256=").map(str::to_string);
            Some(IndexFile { filename, url: url.to_string(), hashes: Hashes { sha256 } })
        })
        .collect()
}

/// A platform tag of this machine's wheels: a word it contains and how it
/// ends (`manylinux_2_12_x86_64`, `macosx_11_0_arm64`, `win_amd64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Platform {
    system: &'static str,
    machine: &'static str,
}

impl Platform {
    fn this() -> Option<Platform> {
        use std::env::consts::{ARCH, OS};
        let (system, machine) = match (OS, ARCH) {
            ("linux", "x86_64") => ("linux", "_x86_64"),
            ("linux", "aarch64") => ("linux", "_aarch64"),
            ("linux", "arm") => ("linux", "_armv7l"),
            ("linux", "x86") => ("linux", "_i686"),
            ("macos", "x86_64") => ("macosx", "_x86_64"),
            ("macos", "aarch64") => ("macosx", "_arm64"),
            ("windows", "x86_64") => ("win", "_amd64"),
            ("windows", "x86") => ("win", "win32"),
            ("windows", "aarch64") => ("win", "_arm64"),
            _ => return None,
        };
        Some(Platform { system, machine })
    }

    fn matches(self, tag: &str) -> bool {
        tag.contains(self.system) && tag.ends_with(self.machine)
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}…{}", self.system, self.machine)
    }
}

/// The release wheel of `version` for `platform`.
fn choose<'a>(files: &'a [IndexFile], version: &str, platform: Platform) -> Option<&'a IndexFile> {
    let prefix = format!("ziglang-{version}-");
    files.iter().find(|file| {
        let tags = file.filename.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".whl"));
        // `py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.musllinux_1_1_x86_64`
        tags.is_some_and(|tags| tags.split(['.', '-']).any(|tag| platform.matches(tag)))
    })
}

/// `href` resolved against the page it was found on.
fn absolute(page: &str, href: &str) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    let scheme_end = page.find("://").map_or(0, |i| i + 3);
    if href.starts_with('/') {
        let host_end = page[scheme_end..].find('/').map_or(page.len(), |i| scheme_end + i);
        return format!("{}{href}", &page[..host_end]);
    }
    let base_end = page.rfind('/').map_or(page.len(), |i| i + 1);
    format!("{}{href}", &page[..base_end])
}

/// Copies `from` into `to`; the SHA-256 of what was copied, in hex.
fn copy_hashing(from: &mut impl Read, to: &mut impl Write) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = from.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_WHEEL_BYTES {
            return Err(std::io::Error::other(format!("larger than {} MB", MAX_WHEEL_BYTES >> 20)));
        }
        hasher.update(&buffer[..n]);
        to.write_all(&buffer[..n])?;
    }
    to.flush()?;
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Unpacks the wheel at `wheel` into the folder `into`, keeping the files'
/// permissions (the compiler must stay executable); names that would leave
/// the folder are refused by the zip crate.
pub fn unpack(wheel: &Path, into: &Path) -> Result<(), String> {
    let file = std::fs::File::open(wheel).map_err(|e| format!("cannot open {}: {e}", wheel.display()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| format!("the wheel is not a zip: {e}"))?;
    archive.extract(into).map_err(|e| format!("cannot unpack the wheel into {}: {e}", into.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> IndexFile {
        IndexFile { filename: name.into(), url: format!("https://files.example/{name}"), hashes: Hashes::default() }
    }

    fn wheels() -> Vec<IndexFile> {
        [
            "ziglang-0.11.0-py3-none-macosx_10_9_x86_64.whl",
            "ziglang-0.11.0-py3-none-macosx_11_0_arm64.whl",
            "ziglang-0.11.0-py3-none-manylinux_2_12_i686.manylinux2010_i686.musllinux_1_1_i686.whl",
            "ziglang-0.11.0.dev.3747-py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.musllinux_1_1_x86_64.whl",
            "ziglang-0.11.0-py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.musllinux_1_1_x86_64.whl",
            "ziglang-0.11.0-py3-none-manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64.whl",
            "ziglang-0.11.0-py3-none-win_amd64.whl",
            "ziglang-0.11.0.tar.gz",
        ]
        .into_iter()
        .map(file)
        .collect()
    }

    #[test]
    fn the_release_wheel_for_each_platform_is_chosen() {
        let files = wheels();
        let name =
            |system, machine| choose(&files, "0.11.0", Platform { system, machine }).map(|f| f.filename.as_str());
        assert_eq!(
            name("linux", "_x86_64"),
            Some("ziglang-0.11.0-py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.musllinux_1_1_x86_64.whl"),
            "not the 0.11.0.dev build listed first"
        );
        assert!(name("linux", "_aarch64").unwrap().contains("aarch64"));
        assert!(name("linux", "_i686").unwrap().contains("i686"));
        assert_eq!(name("macosx", "_arm64"), Some("ziglang-0.11.0-py3-none-macosx_11_0_arm64.whl"));
        assert_eq!(name("win", "_amd64"), Some("ziglang-0.11.0-py3-none-win_amd64.whl"));
        assert_eq!(name("linux", "_armv7l"), None);
        assert_eq!(name("macosx", "_i686"), None, "a Linux wheel is not a Mac's");
        let linux = Platform { system: "linux", machine: "_x86_64" };
        assert_eq!(choose(&files, "0.12.0", linux), None);
    }

    #[test]
    fn a_pep_503_page_gives_names_urls_and_hashes() {
        let page = r#"<html><body><h1>Links for ziglang</h1>
            <a href="../../packages/73/dc/ziglang-0.11.0-py3-none-win_amd64.whl#sha256=abc123" data-requires-python="">ziglang-0.11.0-py3-none-win_amd64.whl</a><br/>
            <a href="https://files.example/z.whl">z.whl</a>
            </body></html>"#;
        let files = parse_html(page);
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].filename, "ziglang-0.11.0-py3-none-win_amd64.whl");
        assert_eq!(files[0].url, "../../packages/73/dc/ziglang-0.11.0-py3-none-win_amd64.whl");
        assert_eq!(files[0].hashes.sha256.as_deref(), Some("abc123"));
        assert_eq!(files[1].hashes.sha256, None);
    }

    #[test]
    fn links_resolve_against_the_page() {
        let page = "https://mirror.example/pypi/simple/ziglang/";
        assert_eq!(absolute(page, "https://files.example/a.whl"), "https://files.example/a.whl");
        assert_eq!(absolute(page, "/packages/a.whl"), "https://mirror.example/packages/a.whl");
        assert_eq!(absolute(page, "a.whl"), "https://mirror.example/pypi/simple/ziglang/a.whl");
        assert_eq!(
            absolute(page, "../../packages/a.whl"),
            "https://mirror.example/pypi/simple/ziglang/../../packages/a.whl"
        );
    }

    #[test]
    fn a_copy_is_hashed_as_it_goes() {
        let mut out = Vec::new();
        let digest = copy_hashing(&mut &b"abc"[..], &mut out).unwrap();
        assert_eq!(out, b"abc");
        assert_eq!(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
