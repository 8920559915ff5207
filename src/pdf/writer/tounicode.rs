//! The ToUnicode CMap (ISO 32000-1, 9.10.3): what text each CID stands for.

use std::fmt::Write;

/// At most this many entries per `beginbfchar` block (the CMap limit).
const BLOCK: usize = 100;

/// A CMap mapping CID `i + 1` to `cids[i].1`; CIDs with no text (the second
/// glyph of a cluster) are left out.
pub(crate) fn cmap(cids: &[(u16, Box<str>)]) -> Vec<u8> {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(usize, &str)> = cids
        .iter()
        .enumerate()
        .filter(|(_, (_, text))| !text.is_empty())
        .map(|(i, (_, text))| (i + 1, &**text))
        .collect();
    for block in entries.chunks(BLOCK) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for (cid, text) in block {
            let _ = write!(cmap, "<{cid:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(cmap, "{unit:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::cmap;

    #[test]
    fn maps_each_cid_to_its_text_in_utf16() {
        let cids: Vec<(u16, Box<str>)> = vec![(10, "ж".into()), (11, "fi".into()), (12, "".into()), (13, "😀".into())];
        let text = String::from_utf8(cmap(&cids)).unwrap();
        assert!(
            text.contains("3 beginbfchar\n<0001> <0436>\n<0002> <00660069>\n<0004> <D83DDE00>\nendbfchar"),
            "{text}"
        );
        assert!(!text.contains("<0003>"));
    }

    #[test]
    fn splits_blocks_at_one_hundred() {
        let cids: Vec<(u16, Box<str>)> = (0..150).map(|i| (i, "a".into())).collect();
        let text = String::from_utf8(cmap(&cids)).unwrap();
        assert!(text.contains("100 beginbfchar") && text.contains("50 beginbfchar"));
    }
}
