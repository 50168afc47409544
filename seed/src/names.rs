//! Indian personal names by region, their spelling variants, and name normalisation.
//!
//! Names are built the way they are written in FIRs of each region: Maharashtrian and Gujarati
//! names carry the father's (or husband's) name in the middle (`Sachin Vitthal Patil`,
//! `Jignesh Rameshbhai Patel`), Tamil names an initial (`R. Murugan`), Sikh names `Singh` or
//! `Kaur`. Variant spellings of the same name (`Mohammed`/`Mohammad`/`Mohd`, `Sharma`/`Sarma`,
//! `Laxmi`/`Lakshmi`, `Chaudhary`/`Choudhury`) occur naturally and are also used on purpose
//! for the duplicate person records a fuzzy search has to bring together.

use super::rng::Rng;

/// Linguistic region of a state: decides the shape of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    Marathi,
    Kannada,
    Hindi,
    Tamil,
    Bengali,
    Gujarati,
    Malayalam,
    Telugu,
    Punjabi,
    Odia,
    Assamese,
    Konkani,
    Kashmiri,
}

/// Sex as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
    Transgender,
}

impl Sex {
    /// The stored value.
    pub(crate) fn stored(self) -> entities::enums::Sex {
        match self {
            Sex::Male => entities::enums::Sex::Male,
            Sex::Female => entities::enums::Sex::Female,
            Sex::Transgender => entities::enums::Sex::Transgender,
        }
    }
}

/// A generated name with its relative (father's or husband's name).
#[derive(Debug, Clone)]
pub(crate) struct PersonName {
    pub(crate) full: String,
    pub(crate) relative: String,
}

struct Pool {
    male: &'static [&'static str],
    female: &'static [&'static str],
    surnames: &'static [&'static str],
}

const MARATHI: Pool = Pool {
    male: &[
        "Sachin",
        "Rahul",
        "Ganesh",
        "Santosh",
        "Prakash",
        "Sunil",
        "Vitthal",
        "Dnyaneshwar",
        "Sandeep",
        "Sandip",
        "Vijay",
        "Ajay",
        "Mahesh",
        "Nitin",
        "Amol",
        "Tushar",
        "Dattatray",
        "Balasaheb",
        "Pandurang",
        "Rohit",
        "Akash",
        "Shivaji",
        "Dilip",
        "Dipak",
        "Deepak",
        "Yogesh",
        "Swapnil",
        "Sagar",
        "Rajendra",
        "Anil",
        "Suresh",
        "Kiran",
        "Omkar",
    ],
    female: &[
        "Sunita",
        "Sangita",
        "Pooja",
        "Puja",
        "Ashwini",
        "Vaishali",
        "Manisha",
        "Savita",
        "Laxmi",
        "Lakshmi",
        "Priyanka",
        "Snehal",
        "Rupali",
        "Jyoti",
        "Kavita",
        "Shubhangi",
        "Sarika",
        "Anita",
        "Mangal",
        "Rekha",
        "Pallavi",
        "Shraddha",
        "Sonali",
        "Archana",
    ],
    surnames: &[
        "Patil",
        "Jadhav",
        "Jadhao",
        "Pawar",
        "Shinde",
        "Deshmukh",
        "Kulkarni",
        "Joshi",
        "More",
        "Gaikwad",
        "Kale",
        "Salunkhe",
        "Chavan",
        "Bhosale",
        "Kadam",
        "Mane",
        "Shelke",
        "Wagh",
        "Deshpande",
        "Sawant",
        "Thorat",
        "Kamble",
        "Sonawane",
        "Mhatre",
        "Londhe",
        "Jagtap",
        "Kshirsagar",
        "Bhagat",
        "Chaudhari",
    ],
};

const KANNADA: Pool = Pool {
    male: &[
        "Manjunath",
        "Manjunatha",
        "Basavaraj",
        "Basavaraju",
        "Shivakumar",
        "Sivakumar",
        "Nagaraj",
        "Nagaraju",
        "Ramesh",
        "Suresh",
        "Prakash",
        "Mahesh",
        "Raghavendra",
        "Venkatesh",
        "Srinivas",
        "Shrinivas",
        "Ravi",
        "Chandrashekar",
        "Lokesh",
        "Harish",
        "Girish",
        "Santosh",
        "Mallikarjun",
        "Siddappa",
        "Hanumanthappa",
        "Kiran",
        "Darshan",
    ],
    female: &[
        "Lakshmi", "Laxmi", "Savitha", "Kavya", "Shobha", "Geetha", "Pushpa", "Renuka", "Sowmya",
        "Nandini", "Bhavya", "Manjula", "Roopa", "Sudha", "Yashoda", "Chaitra", "Shilpa", "Rekha",
        "Jayamma", "Parvathi",
    ],
    surnames: &[
        "Gowda", "Gouda", "Shetty", "Hegde", "Rao", "Nayak", "Naik", "Kulkarni", "Patil", "Reddy",
        "Kumar", "Swamy", "Murthy", "Bhat", "Poojary", "Acharya", "Hiremath", "Kamath", "Shenoy",
        "Naidu",
    ],
};

const HINDI: Pool = Pool {
    male: &[
        "Ramesh",
        "Suresh",
        "Rajesh",
        "Mukesh",
        "Rakesh",
        "Dinesh",
        "Sanjay",
        "Manoj",
        "Pankaj",
        "Amit",
        "Sumit",
        "Anil",
        "Sunil",
        "Vijay",
        "Vijai",
        "Ajay",
        "Ravi",
        "Deepak",
        "Dipak",
        "Sandeep",
        "Sandip",
        "Pradeep",
        "Pradip",
        "Vikas",
        "Arvind",
        "Rahul",
        "Rohit",
        "Ankit",
        "Gaurav",
        "Saurabh",
        "Ashok",
        "Rajkumar",
        "Shyam",
        "Ram",
        "Lalit",
        "Kuldeep",
        "Kuldip",
        "Surendra",
        "Surender",
        "Bhupendra",
        "Bhupender",
        "Satish",
        "Sushil",
        "Susheel",
        "Jitendra",
        "Om Prakash",
        "Raj Kumar",
        "Pappu",
    ],
    female: &[
        "Sunita", "Anita", "Geeta", "Seema", "Rekha", "Pooja", "Puja", "Priya", "Neha", "Kavita",
        "Savita", "Suman", "Poonam", "Rinki", "Pinki", "Manju", "Sarita", "Laxmi", "Lakshmi",
        "Shanti", "Kiran", "Mamta", "Radha", "Sushila", "Nisha", "Preeti", "Anjali", "Kajal",
        "Guddi", "Urmila",
    ],
    surnames: &[
        "Sharma",
        "Verma",
        "Yadav",
        "Singh",
        "Gupta",
        "Chaudhary",
        "Choudhary",
        "Mishra",
        "Tiwari",
        "Pandey",
        "Kumar",
        "Chauhan",
        "Rajput",
        "Meena",
        "Jat",
        "Saini",
        "Dubey",
        "Shukla",
        "Srivastava",
        "Agarwal",
        "Jain",
        "Rathore",
        "Prajapati",
        "Kushwaha",
        "Maurya",
        "Pal",
        "Nishad",
        "Rawat",
        "Bhatt",
        "Tyagi",
        "Thakur",
        "Sahu",
        "Paswan",
        "Mahto",
        "Jha",
        "Sinha",
        "Prasad",
    ],
};

const TAMIL: Pool = Pool {
    male: &[
        "Murugan",
        "Selvam",
        "Karthik",
        "Senthil",
        "Kumar",
        "Ganesan",
        "Rajendran",
        "Saravanan",
        "Subramanian",
        "Subramaniam",
        "Arun",
        "Vignesh",
        "Balaji",
        "Prabhu",
        "Ramesh",
        "Suresh",
        "Manikandan",
        "Muthu",
        "Pandian",
        "Velu",
        "Ravi",
        "Sathish",
        "Satish",
        "Dinesh",
        "Vijay",
        "Ashok",
        "Sivakumar",
        "Shivakumar",
    ],
    female: &[
        "Lakshmi",
        "Meena",
        "Kavitha",
        "Selvi",
        "Priya",
        "Revathi",
        "Malathi",
        "Saranya",
        "Deepa",
        "Vijaya",
        "Gomathi",
        "Jayanthi",
        "Chitra",
        "Sumathi",
        "Valli",
        "Anitha",
        "Mahalakshmi",
        "Bhuvaneswari",
        "Divya",
        "Kalaiselvi",
    ],
    surnames: &[
        "Ramasamy",
        "Krishnan",
        "Murugesan",
        "Subramani",
        "Arumugam",
        "Palanisamy",
        "Raman",
        "Natarajan",
        "Sundaram",
        "Pillai",
        "Thevar",
        "Gounder",
        "Nadar",
        "Chettiar",
        "Mudaliar",
        "Iyer",
        "Iyengar",
        "Perumal",
        "Velusamy",
        "Kannan",
    ],
};

const BENGALI: Pool = Pool {
    male: &[
        "Subhas",
        "Biswajit",
        "Tapas",
        "Sourav",
        "Subrata",
        "Partha",
        "Debasish",
        "Amit",
        "Sanjib",
        "Prosenjit",
        "Arup",
        "Abhijit",
        "Sudip",
        "Sandip",
        "Pradip",
        "Dilip",
        "Gopal",
        "Ratan",
        "Bapi",
        "Raju",
        "Tanmoy",
        "Somnath",
        "Kaushik",
        "Anirban",
    ],
    female: &[
        "Rina",
        "Mousumi",
        "Moumita",
        "Sudipta",
        "Rupa",
        "Mitali",
        "Soma",
        "Piyali",
        "Sharmila",
        "Sangita",
        "Tanushree",
        "Puja",
        "Pooja",
        "Laxmi",
        "Lakshmi",
        "Anjana",
        "Rumpa",
        "Paromita",
        "Chandana",
        "Shampa",
    ],
    surnames: &[
        "Das",
        "Ghosh",
        "Ghose",
        "Chatterjee",
        "Chaterjee",
        "Banerjee",
        "Banerji",
        "Mondal",
        "Roy",
        "Sarkar",
        "Mukherjee",
        "Mukherji",
        "Choudhury",
        "Chowdhury",
        "Bose",
        "Dutta",
        "Saha",
        "Biswas",
        "Halder",
        "Paul",
        "Bhattacharya",
        "Bhattacharjee",
        "Sen",
        "Majumdar",
        "Pramanik",
        "Mallick",
    ],
};

const GUJARATI: Pool = Pool {
    male: &[
        "Jignesh", "Hitesh", "Bhavesh", "Nilesh", "Mukesh", "Ramesh", "Kalpesh", "Paresh",
        "Rakesh", "Mahesh", "Dinesh", "Alpesh", "Chirag", "Harsh", "Ketan", "Vipul", "Jayesh",
        "Pravin", "Bharat", "Naresh", "Kirit", "Dharmesh", "Sanjay",
    ],
    female: &[
        "Hetal", "Komal", "Nisha", "Bhavna", "Jagruti", "Manisha", "Rekha", "Daxa", "Geeta",
        "Hansa", "Kokila", "Pooja", "Puja", "Mittal", "Krupa", "Falguni", "Varsha", "Nirmala",
    ],
    surnames: &[
        "Patel",
        "Shah",
        "Desai",
        "Parmar",
        "Solanki",
        "Chauhan",
        "Rathod",
        "Thakor",
        "Vaghela",
        "Makwana",
        "Joshi",
        "Trivedi",
        "Mehta",
        "Bhatt",
        "Pandya",
        "Prajapati",
        "Chaudhari",
        "Modi",
        "Dave",
        "Raval",
        "Zala",
        "Gohil",
    ],
};

const MALAYALAM: Pool = Pool {
    male: &[
        "Anil Kumar",
        "Suresh",
        "Biju",
        "Shaji",
        "Reji",
        "Sajan",
        "Rajesh",
        "Sunil",
        "Suneel",
        "Manoj",
        "Pradeep",
        "Vinod",
        "Santhosh",
        "Jayan",
        "Sreejith",
        "Arun",
        "Vishnu",
        "Abhilash",
        "Jithin",
        "Sreenivasan",
        "Gopakumar",
        "Rajeev",
    ],
    female: &[
        "Sindhu", "Bindu", "Sreeja", "Remya", "Divya", "Lekha", "Anju", "Asha", "Beena", "Jaya",
        "Lakshmi", "Sheeba", "Smitha", "Reshma", "Ambili", "Soumya", "Deepthi",
    ],
    surnames: &[
        "Nair",
        "Menon",
        "Pillai",
        "Kurup",
        "Varghese",
        "Verghese",
        "Thomas",
        "Joseph",
        "Kutty",
        "Panicker",
        "Namboothiri",
        "Warrier",
        "Mathew",
        "George",
        "Chacko",
        "Kurian",
        "Philip",
        "Nambiar",
        "Ezhava",
        "Raj",
    ],
};

const TELUGU: Pool = Pool {
    male: &[
        "Srinivas",
        "Sreenivas",
        "Srinivasa",
        "Venkatesh",
        "Venkata Ramana",
        "Ramesh",
        "Suresh",
        "Mahesh",
        "Nagaraju",
        "Ravi Kumar",
        "Prasad",
        "Krishna",
        "Satyanarayana",
        "Anjaneyulu",
        "Raju",
        "Naresh",
        "Kiran",
        "Praveen",
        "Chandra Sekhar",
        "Vamsi",
        "Sai Kumar",
        "Narsimha",
        "Yadagiri",
    ],
    female: &[
        "Lakshmi",
        "Laxmi",
        "Padma",
        "Sravani",
        "Swathi",
        "Anusha",
        "Bhavani",
        "Sujatha",
        "Radha",
        "Vijaya Lakshmi",
        "Sirisha",
        "Madhavi",
        "Kalyani",
        "Sunitha",
        "Aruna",
        "Jyothi",
        "Rani",
        "Manga",
    ],
    surnames: &[
        "Reddy", "Reddi", "Rao", "Naidu", "Goud", "Yadav", "Chowdary", "Varma", "Raju", "Sharma",
        "Sarma", "Setty", "Babu", "Naik", "Mudiraj", "Kumar", "Chary", "Murthy",
    ],
};

const PUNJABI: Pool = Pool {
    male: &[
        "Gurpreet",
        "Gurprit",
        "Harpreet",
        "Jaswinder",
        "Jasvinder",
        "Manpreet",
        "Simranjeet",
        "Kulwinder",
        "Sukhwinder",
        "Balwinder",
        "Paramjit",
        "Amarjit",
        "Harjinder",
        "Gurdeep",
        "Lakhwinder",
        "Parkash",
        "Jagdish",
        "Ravinder",
        "Satnam",
        "Baljit",
        "Surinder",
    ],
    female: &[
        "Harpreet",
        "Manpreet",
        "Gurpreet",
        "Simran",
        "Jasleen",
        "Kulwant",
        "Navneet",
        "Rajwinder",
        "Sukhjit",
        "Paramjit",
        "Amandeep",
        "Ramandeep",
        "Baljeet",
    ],
    surnames: &[
        "Gill", "Sandhu", "Dhillon", "Sidhu", "Grewal", "Brar", "Bajwa", "Randhawa", "Virk",
        "Sekhon", "Aulakh", "Mann", "Cheema", "Bhullar", "Kang", "Arora", "Malhotra", "Khanna",
        "Kapoor", "Sharma",
    ],
};

const ODIA: Pool = Pool {
    male: &[
        "Bijay",
        "Sanjay",
        "Prasanta",
        "Debasis",
        "Sarat",
        "Manas",
        "Pradeep",
        "Ashok",
        "Bikash",
        "Rabindra",
        "Santosh",
        "Susanta",
        "Dillip",
        "Niranjan",
        "Jagannath",
        "Gobinda",
        "Ranjan",
        "Subrat",
    ],
    female: &[
        "Subhashree",
        "Sasmita",
        "Mamata",
        "Sujata",
        "Pramila",
        "Kalpana",
        "Lipsa",
        "Smruti",
        "Jayanti",
        "Bijayalaxmi",
        "Sabita",
        "Rashmita",
        "Laxmi",
        "Lakshmi",
    ],
    surnames: &[
        "Mohanty", "Mahanty", "Patnaik", "Pattnaik", "Das", "Sahoo", "Behera", "Nayak", "Mishra",
        "Swain", "Pradhan", "Jena", "Panda", "Rout", "Sethi", "Mallick", "Biswal", "Samal",
        "Parida", "Dash",
    ],
};

const ASSAMESE: Pool = Pool {
    male: &[
        "Bhaskar",
        "Pranjal",
        "Rupjyoti",
        "Dipankar",
        "Bhupen",
        "Hemanta",
        "Jayanta",
        "Nabajit",
        "Pankaj",
        "Rajib",
        "Bikram",
        "Dhruba",
        "Mridul",
        "Himangshu",
    ],
    female: &[
        "Jyotishmita",
        "Nilakshi",
        "Pallabi",
        "Bornali",
        "Rupali",
        "Mousumi",
        "Dipti",
        "Anamika",
        "Gitanjali",
        "Priyanka",
        "Junmoni",
    ],
    surnames: &[
        "Sarma",
        "Sharma",
        "Bora",
        "Gogoi",
        "Baruah",
        "Barua",
        "Kalita",
        "Saikia",
        "Deka",
        "Hazarika",
        "Das",
        "Bordoloi",
        "Phukan",
        "Choudhury",
        "Medhi",
        "Talukdar",
        "Nath",
    ],
};

const KONKANI: Pool = Pool {
    male: &[
        "Sanjay",
        "Prakash",
        "Rajesh",
        "Sagar",
        "Vishal",
        "Joaquim",
        "Agnelo",
        "Savio",
        "Francis",
        "Anthony",
        "Sebastian",
        "Xavier",
        "Santosh",
        "Gurudas",
        "Dattaprasad",
    ],
    female: &[
        "Maria", "Sheetal", "Shilpa", "Sushma", "Fatima", "Lourdes", "Agnes", "Sonia", "Rupa",
        "Priti", "Anisha", "Melba",
    ],
    surnames: &[
        "Naik",
        "Gaonkar",
        "Kamat",
        "Sawant",
        "Fernandes",
        "D'Souza",
        "Dsouza",
        "Rodrigues",
        "Pereira",
        "Gomes",
        "Dias",
        "Shirodkar",
        "Parab",
        "Desai",
        "Pednekar",
        "Colaco",
    ],
};

const KASHMIRI: Pool = Pool {
    male: &[
        "Ghulam Mohammad",
        "Ghulam Nabi",
        "Mushtaq Ahmad",
        "Mushtaq Ahmed",
        "Bashir Ahmad",
        "Abdul Rashid",
        "Abdul Rasheed",
        "Farooq Ahmad",
        "Nazir Ahmad",
        "Showkat Ali",
        "Imtiyaz Ahmad",
        "Ashok",
        "Sanjay",
        "Rakesh",
    ],
    female: &[
        "Haleema", "Shameema", "Rubeena", "Fatima", "Fathima", "Mehmooda", "Shazia", "Nusrat",
        "Rehana", "Sunita",
    ],
    surnames: &[
        "Bhat", "Dar", "Lone", "Mir", "Wani", "Sheikh", "Shaikh", "Malik", "Ganai", "Rather",
        "Kaul", "Koul", "Raina", "Pandita", "Khan",
    ],
};

const MUSLIM_MALE_FIRST: &[&str] = &[
    "Mohammed", "Mohammad", "Muhammad", "Mohd", "Md", "Abdul", "Syed", "Sayyed",
];
const MUSLIM_MALE: &[&str] = &[
    "Salim", "Saleem", "Irfan", "Imran", "Arif", "Rashid", "Rasheed", "Javed", "Javid", "Iqbal",
    "Ikbal", "Yusuf", "Yousuf", "Anwar", "Shahid", "Aslam", "Asif", "Rizwan", "Sajid", "Wasim",
    "Naseem", "Faisal", "Tariq", "Zakir", "Aftab", "Ayub", "Ismail", "Salman", "Shakeel", "Nadeem",
    "Rafiq", "Sharif",
];
const MUSLIM_FEMALE: &[&str] = &[
    "Fatima",
    "Fathima",
    "Ayesha",
    "Aisha",
    "Shabana",
    "Rukhsana",
    "Nazia",
    "Parveen",
    "Shaheen",
    "Farzana",
    "Reshma",
    "Nasreen",
    "Sana",
    "Salma",
    "Zeenat",
    "Tabassum",
    "Noorjahan",
    "Rehana",
    "Sultana",
    "Yasmin",
];
const MUSLIM_SURNAMES: &[&str] = &[
    "Khan",
    "Ansari",
    "Qureshi",
    "Kureshi",
    "Shaikh",
    "Sheikh",
    "Siddiqui",
    "Ahmed",
    "Ahmad",
    "Pathan",
    "Syed",
    "Sayyed",
    "Mansuri",
    "Malik",
    "Mirza",
    "Hussain",
    "Ali",
    "Rizvi",
    "Chaudhary",
    "Memon",
    "Khatri",
    "Saifi",
    "Shah",
];

/// Groups of spellings of the same name, as they turn up across records.
const VARIANTS: &[&[&str]] = &[
    &["Mohammed", "Mohammad", "Muhammad", "Mohd", "Md"],
    &["Sharma", "Sarma"],
    &["Laxmi", "Lakshmi"],
    &[
        "Chaudhary",
        "Choudhury",
        "Chaudhari",
        "Chowdhury",
        "Choudhary",
    ],
    &["Shaikh", "Sheikh", "Shekh"],
    &["Salim", "Saleem"],
    &["Qureshi", "Kureshi", "Quraishi"],
    &["Syed", "Sayyed", "Saiyed"],
    &["Ahmed", "Ahmad"],
    &["Srinivas", "Shrinivas", "Sreenivas", "Srinivasa"],
    &["Pooja", "Puja"],
    &["Deepak", "Dipak"],
    &["Vijay", "Vijai"],
    &["Satish", "Sathish"],
    &["Gowda", "Gouda"],
    &["Reddy", "Reddi"],
    &["Shivakumar", "Sivakumar"],
    &["Prakash", "Parkash"],
    &["Jaswinder", "Jasvinder"],
    &["Gurpreet", "Gurprit"],
    &["Harpreet", "Harprit"],
    &["Bhattacharya", "Bhattacharjee"],
    &["Mukherjee", "Mukherji", "Mukerji"],
    &["Chatterjee", "Chaterjee"],
    &["Banerjee", "Banerji"],
    &["Ghosh", "Ghose"],
    &["Mohanty", "Mahanty"],
    &["Patnaik", "Pattnaik", "Pattanaik"],
    &["Jadhav", "Jadhao"],
    &["Fatima", "Fathima"],
    &["Ayesha", "Aisha"],
    &["Yusuf", "Yousuf"],
    &["Iqbal", "Ikbal"],
    &["Rashid", "Rasheed"],
    &["Javed", "Javid"],
    &["Nagaraj", "Nagaraju"],
    &["Basavaraj", "Basavaraju"],
    &["Manjunath", "Manjunatha"],
    &["Subramanian", "Subramaniam", "Subramanyam"],
    &["Sandeep", "Sandip"],
    &["Pradeep", "Pradip"],
    &["Kuldeep", "Kuldip"],
    &["Dilip", "Dileep", "Dillip"],
    &["Sushil", "Susheel"],
    &["Sunil", "Suneel"],
    &["Bhupendra", "Bhupender", "Bhupinder"],
    &["Surendra", "Surender", "Surinder"],
    &["Varghese", "Verghese"],
    &["D'Souza", "Dsouza", "De Souza"],
    &["Baruah", "Barua"],
    &["Kaul", "Koul"],
    &["Santosh", "Santhosh"],
    &["Mushtaq", "Mustaq"],
    &["Venkatesh", "Venkatesha"],
];

/// Street nicknames recorded as aliases of accused persons.
const NICKNAMES: &[&str] = &[
    "Pappu", "Munna", "Bablu", "Guddu", "Chhotu", "Raju", "Kalia", "Tiger", "Langda", "Bunty",
    "Sonu", "Monu", "Golu", "Lalla", "Tinku", "Pintu", "Kallu", "Bittu", "Sheru", "Dada", "Bhura",
    "Mama", "Sultan", "Chikna", "Tony", "Baba", "Appu", "Kutty", "Anna",
];

fn pool(region: Region) -> &'static Pool {
    match region {
        Region::Marathi => &MARATHI,
        Region::Kannada => &KANNADA,
        Region::Hindi => &HINDI,
        Region::Tamil => &TAMIL,
        Region::Bengali => &BENGALI,
        Region::Gujarati => &GUJARATI,
        Region::Malayalam => &MALAYALAM,
        Region::Telugu => &TELUGU,
        Region::Punjabi => &PUNJABI,
        Region::Odia => &ODIA,
        Region::Assamese => &ASSAMESE,
        Region::Konkani => &KONKANI,
        Region::Kashmiri => &KASHMIRI,
    }
}

/// Share of Muslim names among persons recorded in a region (rough census proportions).
fn muslim_share(region: Region) -> f64 {
    match region {
        Region::Kashmiri => 0.0, // the regional pool is already mostly Muslim
        Region::Hindi | Region::Bengali | Region::Assamese => 0.22,
        Region::Malayalam => 0.25,
        Region::Telugu | Region::Marathi | Region::Kannada | Region::Gujarati => 0.12,
        Region::Tamil | Region::Konkani | Region::Odia | Region::Punjabi => 0.06,
    }
}

/// A Muslim name, e.g. `Mohd Irfan Shaikh`; the relative gets a name of the same shape.
fn muslim(rng: &mut Rng, sex: Sex) -> (String, String) {
    let surname = rng.pick_copy(MUSLIM_SURNAMES);
    let father = format!("{} {}", rng.pick(MUSLIM_MALE), surname);
    let full = match sex {
        Sex::Female => {
            if rng.chance(0.3) {
                format!("{} Begum", rng.pick(MUSLIM_FEMALE))
            } else {
                format!("{} {}", rng.pick(MUSLIM_FEMALE), surname)
            }
        }
        _ => {
            if rng.chance(0.45) {
                format!(
                    "{} {} {}",
                    rng.pick(MUSLIM_MALE_FIRST),
                    rng.pick(MUSLIM_MALE),
                    surname
                )
            } else {
                format!("{} {}", rng.pick(MUSLIM_MALE), surname)
            }
        }
    };
    (full, father)
}

/// A name of the region's shape, with the relative's name (father's, or husband's for most
/// married women).
pub(crate) fn person_name(rng: &mut Rng, region: Region, sex: Sex) -> PersonName {
    if rng.chance(muslim_share(region)) {
        let (full, relative) = muslim(rng, sex);
        return PersonName { full, relative };
    }
    let p = pool(region);
    let surname = rng.pick_copy(p.surnames);
    let first = match sex {
        Sex::Female | Sex::Transgender => rng.pick_copy(p.female),
        Sex::Male => rng.pick_copy(p.male),
    };
    let mut relative_first = rng.pick_copy(p.male);
    if relative_first == first {
        relative_first = rng.pick_copy(p.male);
    }
    let relative = format!("{relative_first} {surname}");
    let full = match region {
        Region::Marathi => {
            if rng.chance(0.7) {
                format!("{first} {relative_first} {surname}")
            } else {
                format!("{first} {surname}")
            }
        }
        Region::Gujarati => {
            let relative_first = relative_first.split(' ').next().unwrap_or(relative_first);
            match sex {
                Sex::Female if rng.chance(0.4) => {
                    format!("{first}ben {relative_first}bhai {surname}")
                }
                _ => format!("{first} {relative_first}bhai {surname}"),
            }
        }
        Region::Tamil => {
            let initial = relative_first.chars().next().unwrap_or('S');
            if rng.chance(0.7) {
                format!("{initial}. {first}")
            } else {
                format!("{first} {relative_first}")
            }
        }
        Region::Telugu if rng.chance(0.4) => {
            let initial = surname.chars().next().unwrap_or('K');
            format!("{initial}. {first} {surname}")
        }
        Region::Punjabi => {
            let sikh = if sex == Sex::Female { "Kaur" } else { "Singh" };
            match rng.below(3) {
                0 => format!("{first} {sikh}"),
                _ => format!("{first} {sikh} {surname}"),
            }
        }
        Region::Hindi if sex == Sex::Female && rng.chance(0.3) => {
            format!(
                "{first} {}",
                if rng.chance(0.7) { "Devi" } else { "Kumari" }
            )
        }
        Region::Malayalam if rng.chance(0.3) => {
            format!("{first} {}.", rng.letter())
        }
        _ => format!("{first} {surname}"),
    };
    let relative = match region {
        Region::Tamil => relative_first.to_owned(),
        Region::Punjabi => format!("{relative_first} Singh"),
        _ => relative,
    };
    PersonName { full, relative }
}

/// The name of a child or wife of `head` (a man's full name), shaped as the region writes it:
/// `Pooja Sachin Patil` for a child of `Sachin Vitthal Patil`, `M. Lakshmi` for a child of
/// `R. Murugan`, `Harpreet Kaur` in Punjab.
pub(crate) fn family_name(rng: &mut Rng, region: Region, sex: Sex, head: &str) -> String {
    let words: Vec<&str> = head.split(' ').collect();
    let muslim = words.iter().any(|w| {
        MUSLIM_SURNAMES.contains(w) || MUSLIM_MALE_FIRST.contains(w) || MUSLIM_MALE.contains(w)
    }) && region != Region::Punjabi;
    let surname = words.last().copied().unwrap_or("Kumar");
    if muslim {
        let first = match sex {
            Sex::Female => rng.pick_copy(MUSLIM_FEMALE),
            _ => rng.pick_copy(MUSLIM_MALE),
        };
        return format!("{first} {surname}");
    }
    let p = pool(region);
    let first = match sex {
        Sex::Female => rng.pick_copy(p.female),
        _ => rng.pick_copy(p.male),
    };
    let head_first = words.first().copied().unwrap_or("Ram");
    match region {
        Region::Marathi if words.len() >= 2 => format!("{first} {head_first} {surname}"),
        Region::Gujarati if words.len() >= 2 => format!("{first} {head_first}bhai {surname}"),
        Region::Tamil => {
            // `R. Murugan`: the head's own name is the last word.
            let initial = surname.chars().next().unwrap_or('S');
            format!("{initial}. {first}")
        }
        Region::Punjabi => {
            let sikh = if sex == Sex::Female { "Kaur" } else { "Singh" };
            format!("{first} {sikh}")
        }
        Region::Hindi if sex == Sex::Female && rng.chance(0.25) => format!("{first} Devi"),
        _ if words.len() == 1 || surname.ends_with('.') => format!("{first} {head_first}"),
        _ => format!("{first} {surname}"),
    }
}

/// The same name with one word respelt (`Mohammed Salim` → `Mohd Saleem`), if any word has a
/// known variant; otherwise `None`.
pub(crate) fn variant_spelling(rng: &mut Rng, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let candidates: Vec<(usize, &[&str])> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let bare = w.trim_end_matches('.');
            VARIANTS
                .iter()
                .find(|group| group.contains(&bare))
                .map(|group| (i, *group))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let (at, group) = candidates[rng.index(candidates.len())];
    let current = words[at].trim_end_matches('.');
    let others: Vec<&&str> = group.iter().filter(|g| **g != current).collect();
    let replacement = *others[rng.index(others.len())];
    let rebuilt: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == at {
                replacement.to_owned()
            } else {
                (*w).to_owned()
            }
        })
        .collect();
    Some(rebuilt.join(" "))
}

/// A street nickname.
pub(crate) fn nickname(rng: &mut Rng) -> &'static str {
    rng.pick_copy(NICKNAMES)
}

/// A first name for an officer or staff member of the region.
pub(crate) fn officer_name(rng: &mut Rng, region: Region, sex: Sex) -> String {
    let p = pool(region);
    let first = match sex {
        Sex::Female => rng.pick_copy(p.female),
        _ => rng.pick_copy(p.male),
    };
    if region == Region::Punjabi {
        let sikh = if sex == Sex::Female { "Kaur" } else { "Singh" };
        return format!("{first} {sikh} {}", rng.pick(p.surnames));
    }
    if rng.chance(muslim_share(region) * 0.6) {
        return muslim(rng, sex).0;
    }
    format!("{first} {}", rng.pick(p.surnames))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_respell_one_word() {
        let mut rng = Rng::new(7, 0);
        let v = variant_spelling(&mut rng, "Mohammed Salim Qureshi").unwrap();
        assert_ne!(v, "Mohammed Salim Qureshi");
        assert_eq!(v.split(' ').count(), 3);
        assert!(variant_spelling(&mut rng, "Xyz Abc").is_none());
    }
}
