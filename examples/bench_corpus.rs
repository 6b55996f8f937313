//! Writes the benchmark corpus: article-sized files and big files recombined
//! from the paragraphs of the repository's sample texts, with a fixed seed so
//! every run and every machine gets the same bytes.
//!
//! `cargo run --release --example bench_corpus -- OUT_DIR [ARTICLES] [BIG_MB...] -- SOURCE_DIR...`
//! writes `OUT_DIR/articles/NNNN/article-NNNNN.txt` and `OUT_DIR/big-<MB>mb.txt` for each size.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// SplitMix64: tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What an article is made of: headlines, and body units (a line, or a
/// hard-wrapped block kept whole with blank lines around it).
struct Pool {
    headlines: Vec<String>,
    units: Vec<String>,
}

fn collect_texts(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_texts(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
    Ok(())
}

fn pool(files: &[PathBuf]) -> io::Result<Pool> {
    let mut pool = Pool {
        headlines: Vec::new(),
        units: Vec::new(),
    };
    for file in files {
        let text = fs::read_to_string(file)?;
        let text = text.replace("\r\n", "\n");
        let mut first = true;
        for block in text.split("\n\n") {
            let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
            let wrapped = !first && lines.len() > 2 && lines.iter().all(|l| l.chars().count() <= 80);
            if wrapped {
                pool.units.push(format!("\n{}\n", lines.join("\n")));
                continue;
            }
            for line in lines {
                if std::mem::take(&mut first) {
                    pool.headlines.push(line.to_string());
                } else {
                    pool.units.push(line.to_string());
                }
            }
        }
    }
    if pool.headlines.is_empty() || pool.units.is_empty() {
        return Err(io::Error::other("no source texts found"));
    }
    Ok(pool)
}

/// One article of 12 to 35 units under a headline.
fn article(pool: &Pool, rng: &mut Rng, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", pool.headlines[rng.below(pool.headlines.len())])?;
    for _ in 0..12 + rng.below(24) {
        writeln!(out, "{}", pool.units[rng.below(pool.units.len())])?;
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let (params, sources) = (&args[..split], args.get(split + 1..).unwrap_or(&[]));
    let Some(out_dir) = params.first().map(PathBuf::from) else {
        return Err(io::Error::other(
            "usage: bench_corpus OUT_DIR [ARTICLES] [BIG_MB...] -- SOURCE_DIR...",
        ));
    };
    let parse = |s: &String| s.parse::<usize>().map_err(io::Error::other);
    let articles = params.get(1).map(parse).transpose()?.unwrap_or(2000);
    let big_sizes: Vec<usize> = params.iter().skip(2).map(parse).collect::<Result<_, _>>()?;

    let mut files = Vec::new();
    for dir in sources {
        collect_texts(Path::new(dir), &mut files)?;
    }
    files.sort();
    let pool = pool(&files)?;
    eprintln!(
        "bench_corpus: {} source files, {} headlines, {} body units",
        files.len(),
        pool.headlines.len(),
        pool.units.len()
    );

    let mut rng = Rng(0x6d74_6c69_6e74);
    for index in 0..articles {
        // 100 files a folder, as archives usually are.
        let dir = out_dir.join("articles").join(format!("{:04}", index / 100));
        fs::create_dir_all(&dir)?;
        let mut out = BufWriter::new(fs::File::create(dir.join(format!("article-{index:05}.txt")))?);
        article(&pool, &mut rng, &mut out)?;
        out.flush()?;
    }
    for mb in big_sizes {
        let mut rng = Rng(0x6269_6700 + mb as u64);
        let target = mb * 1_000_000;
        let mut out = io::Cursor::new(Vec::with_capacity(target + 64 * 1024));
        while (out.get_ref().len()) < target {
            article(&pool, &mut rng, &mut out)?;
            writeln!(out)?;
        }
        fs::write(out_dir.join(format!("big-{mb}mb.txt")), out.into_inner())?;
    }
    Ok(())
}
