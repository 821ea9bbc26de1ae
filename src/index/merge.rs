//! Which segments Tantivy merges: its log merge policy, with a ceiling on
//! the size of what a merge makes.
//!
//! A merge reads every segment it takes through the memory map, so the
//! largest merge of a run sets its peak memory: at 1 GB of corpus the
//! default policy's last merge read 1.1 GB of segment files at once, while
//! indexing itself never held more than 0.5 GB. Merges here make segments
//! of at most [`MAX_DOCS`] documents; a large index ends with a few more
//! segments, which search reads one after another.

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents a merge may put in one segment: about 200 MB of
/// articles, so one merge reads a few hundred MB of segment files.
pub const MAX_DOCS: u32 = 40_000;

/// Tantivy's [`LogMergePolicy`], with each merge it proposes split into
/// merges of at most `max_docs` documents.
#[derive(Debug)]
pub struct BoundedMerge {
    inner: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerge {
    pub fn new(max_docs: u32) -> BoundedMerge {
        let mut inner = LogMergePolicy::default();
        // A segment already half the ceiling has little left to gain.
        inner.set_max_docs_before_merge((max_docs / 2) as usize);
        BoundedMerge { inner, max_docs }
    }
}

impl MergePolicy for BoundedMerge {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut out = Vec::new();
        for MergeCandidate(mut ids) in self.inner.compute_merge_candidates(segments) {
            ids.sort_by_key(|id| docs.get(id).copied().unwrap_or(0));
            let mut group: Vec<SegmentId> = Vec::new();
            let mut total = 0u32;
            for id in ids {
                let n = docs.get(&id).copied().unwrap_or(0);
                if !group.is_empty() && total.saturating_add(n) > self.max_docs {
                    push_merge(&mut out, std::mem::take(&mut group));
                    total = 0;
                }
                group.push(id);
                total = total.saturating_add(n);
            }
            push_merge(&mut out, group);
        }
        // Tantivy runs every merge proposed at once on up to four threads,
        // and each maps what it reads: one at a time keeps the peak to one
        // merge. The policy is asked again whenever the segments change,
        // the end of a merge included, so the others follow.
        out.truncate(1);
        out
    }
}

/// Keeps `group` as a merge if it has something to merge.
fn push_merge(out: &mut Vec<MergeCandidate>, group: Vec<SegmentId>) {
    if group.len() > 1 {
        out.push(MergeCandidate(group));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn sizes(candidates: &[MergeCandidate], segments: &[SegmentMeta]) -> Vec<Vec<u32>> {
        candidates
            .iter()
            .map(|c| {
                c.0.iter()
                    .map(|id| {
                        segments
                            .iter()
                            .find(|s| s.id() == *id)
                            .map_or(0, SegmentMeta::num_docs)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn one_merge_at_a_time_under_the_ceiling_and_never_one_segment_alone() {
        // Sixteen flushed segments of one level: the log policy would merge
        // them all (or by eights) into segments of up to 96,000 documents.
        let segments = metas(&[6_000; 16]);
        let unbounded = LogMergePolicy::default().compute_merge_candidates(&segments);
        let unbounded_largest = sizes(&unbounded, &segments)
            .iter()
            .map(|g| g.iter().sum::<u32>())
            .max();
        assert!(unbounded_largest > Some(20_000), "{unbounded_largest:?}");

        let bounded = BoundedMerge::new(20_000).compute_merge_candidates(&segments);
        let groups = sizes(&bounded, &segments);
        assert_eq!(groups.len(), 1, "one merge at a time: {groups:?}");
        let group = &groups[0];
        assert!(group.len() > 1, "{groups:?}");
        assert!(group.iter().sum::<u32>() <= 20_000, "{groups:?}");
    }

    #[test]
    fn segments_past_half_the_ceiling_are_left_alone() {
        let segments = metas(&[30_000; 9]);
        let bounded = BoundedMerge::new(40_000).compute_merge_candidates(&segments);
        assert!(bounded.is_empty(), "{:?}", sizes(&bounded, &segments));
    }
}
