//! Reading the tables under `seed/data/`, which the crate embeds with `include_str!`.
//!
//! The files are line-oriented: blank lines and lines starting with `#` are skipped; every other
//! line is one entry. A file may be split into sections by `[name]` lines. Entries keep their
//! order, since random picks index into the lists.

/// The lines of `text` that are entries: not blank and not a `#` comment.
pub(crate) fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// The entries of a one-entry-per-line table, in file order.
pub(crate) fn entries(text: &'static str) -> Vec<&'static str> {
    lines(text).collect()
}

/// A table split into `[name]` sections, each a list of entries in file order.
pub(crate) struct Sections(Vec<(&'static str, Vec<&'static str>)>);

impl Sections {
    /// Splits `text` at its `[name]` lines.
    ///
    /// # Panics
    ///
    /// If an entry comes before the first section.
    pub(crate) fn parse(text: &'static str) -> Self {
        let mut sections: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for line in lines(text) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                sections.push((name, Vec::new()));
            } else {
                let (_, entries) = sections
                    .last_mut()
                    .unwrap_or_else(|| panic!("entry {line:?} outside a [section]"));
                entries.push(line);
            }
        }
        Self(sections)
    }

    /// The entries of section `name`.
    ///
    /// # Panics
    ///
    /// If there is no such section.
    pub(crate) fn take(&mut self, name: &str) -> Vec<&'static str> {
        let at = self
            .0
            .iter()
            .position(|(section, _)| *section == name)
            .unwrap_or_else(|| panic!("missing section [{name}]"));
        self.0.remove(at).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        assert_eq!(
            entries("# a comment\n\none\n  \ntwo words\n"),
            ["one", "two words"]
        );
        let mut s = Sections::parse("# c\n[a]\nx\ny\n\n[b]\nz\n");
        assert_eq!(s.take("b"), ["z"]);
        assert_eq!(s.take("a"), ["x", "y"]);
    }
}
