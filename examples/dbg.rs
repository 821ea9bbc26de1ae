fn main(){ let t=std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap(); for j in motif::judgements::extract(&t){println!("{:?}",j);} }
