/**
 * The distinct values a value index would read from the pooled schema's low-cardinality text columns: what such
 * columns hold in real databases of these kinds (cities of an international customer base, statuses, departments,
 * specialties, genres, formats…). Chosen by column, not by question: high-cardinality columns (person names, titles,
 * emails, free text, codes) get none, as the sampler skips them on a real server.
 */

const CITIES = `Amsterdam Athens Atlanta Auckland Bangkok Barcelona Beijing Berlin Bogota Boston Brussels Bucharest Budapest
Buenos_Aires Cairo Cape_Town Casablanca Chicago Copenhagen Dallas Delhi Denver Dubai Dublin Edinburgh Frankfurt Geneva
Hamburg Helsinki Ho_Chi_Minh_City Hong_Kong Houston Istanbul Jakarta Johannesburg Karachi Kyiv Kuala_Lumpur Lagos Lima
Lisbon London Los_Angeles Lyon Madrid Manchester Manila Marseille Melbourne Mexico_City Miami Milan Montreal Moscow
Mumbai Munich Nairobi Naples New_York Osaka Oslo Paris Perth Philadelphia Prague Rio_de_Janeiro Rome Rotterdam
San_Francisco Santiago Sao_Paulo Seattle Seoul Shanghai Singapore Stockholm Sydney Taipei Tel_Aviv Tokyo Toronto
Vancouver Vienna Warsaw Washington Zurich`
  .split(/\s+/)
  .map((c) => c.replace(/_/g, ' '))

const COUNTRIES = ['Germany', 'France', 'Italy', 'Spain', 'Netherlands', 'Belgium', 'United Kingdom', 'Ireland', 'United States', 'Canada', 'Mexico', 'Brazil', 'Argentina', 'Japan', 'China', 'South Korea', 'India', 'Australia', 'New Zealand', 'South Africa', 'Nigeria', 'Egypt', 'Sweden', 'Norway', 'Denmark', 'Finland', 'Poland', 'Switzerland', 'Austria', 'Portugal', 'Greece', 'Turkey', 'Singapore', 'Thailand']
const COUNTRY_CODES = ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'GB', 'IE', 'US', 'CA', 'MX', 'BR', 'AR', 'JP', 'CN', 'KR', 'IN', 'AU', 'NZ', 'ZA', 'NG', 'EG', 'SE', 'NO', 'DK', 'FI', 'PL', 'CH', 'AT', 'PT', 'GR', 'TR', 'SG', 'TH']
const REGIONS = ['Bavaria', 'Ontario', 'Quebec', 'California', 'Texas', 'New York', 'Lombardy', 'Catalonia', 'Ile-de-France', 'Scotland', 'New South Wales', 'Victoria', 'British Columbia', 'Hesse', 'Tuscany']
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK']

/** By `schema.table.column` first, then by column name alone. */
const BY_TABLE_COLUMN: Record<string, string[]> = {
  'shop.categories.name': ['Electronics', 'Books', 'Clothing', 'Shoes', 'Home & Garden', 'Toys', 'Sports', 'Beauty', 'Grocery', 'Jewelry', 'Office Supplies', 'Pet Supplies', 'Automotive', 'Music', 'Video Games'],
  'shop.orders.order_status': ['pending', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded'],
  'shop.payments.status': ['authorised', 'captured', 'failed', 'refunded', 'chargeback'],
  'shop.shipments.status': ['label created', 'in transit', 'out for delivery', 'delivered', 'lost', 'returned to sender'],
  'shop.custaddr.addr_type': ['billing', 'shipping', 'both'],
  'hr.dept.dname': ['Finance', 'Human Resources', 'Sales', 'Marketing', 'Engineering', 'Operations', 'Legal', 'IT', 'Procurement', 'Customer Service', 'Research'],
  'hr.jobs.job_title': ['Analyst', 'Senior Analyst', 'Manager', 'Senior Manager', 'Director', 'Vice President', 'Software Engineer', 'Accountant', 'Sales Representative', 'HR Specialist', 'Clerk', 'Administrative Assistant', 'Consultant'],
  'hr.leave_req.leave_type': ['vacation', 'sick', 'parental', 'unpaid', 'bereavement', 'jury duty'],
  'hr.leave_req.status': ['pending', 'approved', 'rejected', 'cancelled'],
  'hr.candidates.stage': ['applied', 'screening', 'interview', 'offer', 'hired', 'rejected'],
  'hr.candidates.source': ['LinkedIn', 'referral', 'job board', 'agency', 'career site'],
  'hr.projects.status': ['planned', 'active', 'on hold', 'completed', 'cancelled'],
  'lab.wards.ward_name': ['Oncology', 'Cardiology', 'Intensive Care', 'Maternity', 'Paediatrics', 'Surgery A', 'Surgery B', 'Geriatrics', 'Neurology', 'Emergency'],
  'lab.dx_codes.chapter': ['Neoplasms', 'Diseases of the circulatory system', 'Diseases of the respiratory system', 'Endocrine, nutritional and metabolic diseases', 'Mental and behavioural disorders', 'Diseases of the digestive system', 'Injury and poisoning', 'Infectious and parasitic diseases', 'Pregnancy and childbirth'],
  'lab.admissions.disposition': ['home', 'nursing home', 'rehabilitation', 'transferred', 'deceased', 'against medical advice'],
  'lab.lab_orders.priority': ['routine', 'urgent', 'stat'],
  'lab.lab_orders.status': ['ordered', 'collected', 'in progress', 'resulted', 'cancelled'],
  'lab.test_catalog.test_name': ['Complete blood count', 'Basic metabolic panel', 'Comprehensive metabolic panel', 'Lipid panel', 'Liver function panel', 'Thyroid panel', 'HbA1c', 'Coagulation panel', 'Urinalysis', 'Blood culture', 'Troponin', 'C-reactive protein'],
  'lab.specimens.spec_type': ['blood', 'serum', 'plasma', 'urine', 'cerebrospinal fluid', 'swab'],
  'lab.beds.status': ['free', 'occupied', 'cleaning', 'blocked'],
  'lab.orders.status': ['requested', 'ordered', 'received', 'cancelled'],
  'logistics.custaddr.addr_kind': ['pickup', 'delivery', 'billing'],
  'logistics.orders.status': ['booked', 'planned', 'picked up', 'in transit', 'delivered', 'cancelled'],
  'logistics.orders.incoterm': ['EXW', 'FCA', 'CPT', 'DAP', 'DDP', 'FOB', 'CIF'],
  'logistics.carriers.carrier_name': ['DHL', 'UPS', 'FedEx', 'DB Schenker', 'Kuehne + Nagel', 'DSV', 'GEODIS', 'Maersk'],
  'logistics.carriers.mode': ['road', 'rail', 'sea', 'air'],
  'logistics.shipment.status': ['planned', 'loading', 'departed', 'in transit', 'arrived', 'delivered', 'delayed'],
  'logistics.tracking_events.evt_code': ['PICKED_UP', 'DEPARTED', 'ARRIVED', 'CUSTOMS_HOLD', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION'],
  'logistics.vehicles.veh_type': ['van', 'truck', 'semi-trailer', 'refrigerated truck', 'cargo bike'],
  'logistics.drivers.licence_class': ['B', 'C1', 'C', 'CE'],
  'music.artist.artist_type': ['Person', 'Group', 'Orchestra', 'Choir', 'Character'],
  'music.release.status': ['Official', 'Promotion', 'Bootleg', 'Pseudo-Release'],
  'music.release_group.primary_type': ['Album', 'Single', 'EP', 'Broadcast', 'Other'],
  'music.medium.format': ['CD', 'Digital Media', '12" Vinyl', '7" Vinyl', 'Cassette', 'DVD', 'Blu-ray', 'SACD'],
  'music.label.label_type': ['Original Production', 'Bootleg Production', 'Reissue Production', 'Distributor', 'Holding', 'Publisher'],
  'music.genre.name': ['rock', 'pop', 'jazz', 'blues', 'classical', 'hip hop', 'electronic', 'folk', 'metal', 'punk', 'reggae', 'soul', 'country', 'ambient', 'techno', 'house', 'indie rock', 'alternative rock', 'trip hop'],
  'music.artist_credit_name.join_phrase': [' & ', ' feat. ', ', ', ' and ', ' x ', ' with '],
  'finance.customers.segment': ['retail', 'private banking', 'small business', 'corporate'],
  'finance.customers.kyc_status': ['pending', 'verified', 'expired', 'rejected'],
  'finance.accounts.product_cd': ['CHK', 'SAV', 'TD', 'CC', 'MTG', 'LOAN'],
  'finance.transactions.txn_type': ['deposit', 'withdrawal', 'transfer', 'card payment', 'fee', 'interest', 'direct debit'],
  'finance.cards.card_type': ['debit', 'credit', 'prepaid'],
  'finance.cards.status': ['active', 'blocked', 'expired', 'cancelled'],
  'finance.loans.status': ['applied', 'approved', 'active', 'in arrears', 'repaid', 'written off'],
  'finance.gl_account.acct_class': ['asset', 'liability', 'equity', 'revenue', 'expense'],
  'finance.gl_jrnl_hdr.jrnl_src': ['AP', 'AR', 'GL', 'PAYROLL', 'FA', 'INV', 'BANK'],
  'finance.gl_jrnl_hdr.status': ['draft', 'posted', 'reversed'],
  'finance.gl_jrnl_ln.recon_flg': ['Y', 'N'],
  'finance.gl_jrnl_ln.rev_flg': ['Y', 'N'],
  'finance.invoices.status': ['draft', 'sent', 'paid', 'overdue', 'void'],
  'finance.orders.side': ['buy', 'sell'],
  'finance.orders.status': ['new', 'partially filled', 'filled', 'cancelled', 'rejected'],
  'hotel.room_types.type_name': ['Single', 'Standard Double', 'Twin', 'Deluxe King', 'Junior Suite', 'Suite', 'Family Room'],
  'hotel.rooms.status': ['clean', 'dirty', 'inspected', 'out of order'],
  'hotel.reservations.channel': ['direct', 'Booking.com', 'Expedia', 'travel agent', 'phone', 'walk-in'],
  'hotel.reservations.status': ['confirmed', 'checked in', 'checked out', 'cancelled', 'no show'],
  'hotel.staff.role': ['receptionist', 'housekeeper', 'concierge', 'porter', 'night auditor', 'maintenance', 'manager'],
  'hotel.hk_tasks.status': ['open', 'in progress', 'done', 'inspected'],
  'school.teachers.subject_area': ['Mathematics', 'English', 'Physics', 'Chemistry', 'Biology', 'History', 'Geography', 'Art', 'Music', 'Computer Science', 'French', 'Spanish', 'Physical Education'],
  'school.terms.term_name': ['Fall 2023', 'Spring 2024', 'Fall 2024', 'Spring 2025'],
  'school.student_guardian.relation': ['mother', 'father', 'guardian', 'grandparent', 'stepparent'],
  'school.enrollments.final_grade': ['A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'D', 'F', 'I', 'W'],
  'restaurant.tables.area': ['main room', 'terrace', 'bar', 'private room', 'window'],
  'restaurant.reservations.status': ['booked', 'seated', 'completed', 'cancelled', 'no show'],
  'restaurant.items.course': ['starter', 'main', 'side', 'dessert', 'drink'],
  'restaurant.ingredients.unit': ['kg', 'g', 'l', 'ml', 'each', 'bunch'],
  'restaurant.staff.role': ['chef', 'sous chef', 'line cook', 'waiter', 'bartender', 'host', 'dishwasher', 'manager'],
  'airline.aircraft.model': ['A320neo', 'A321', 'A330-300', 'A350-900', 'A380-800', 'B737-800', 'B737 MAX 8', 'B777-300ER', 'B787-9', 'E190'],
  'airline.flights.status': ['scheduled', 'boarding', 'departed', 'landed', 'delayed', 'cancelled', 'diverted'],
  'airline.passengers.ff_tier': ['Blue', 'Silver', 'Gold', 'Platinum'],
  'airline.bookings.channel': ['website', 'mobile app', 'travel agent', 'call centre', 'airport desk'],
  'airline.tickets.fare_class': ['economy', 'premium economy', 'business', 'first'],
  'airline.coupons.status': ['open', 'checked in', 'boarded', 'flown', 'refunded', 'exchanged'],
  'airline.baggage.status': ['checked', 'loaded', 'transferred', 'delivered', 'delayed', 'lost'],
  'airline.crew.rank': ['Captain', 'First Officer', 'Second Officer', 'Purser', 'Flight Attendant'],
  'airline.crew_assign.duty': ['operating', 'deadhead', 'standby', 'training']
}

const BY_COLUMN: Record<string, string[]> = {
  city: CITIES,
  cty: CITIES,
  dest_city: CITIES,
  evt_city: CITIES,
  country: COUNTRIES,
  ctry: COUNTRIES,
  nationality: COUNTRIES,
  country_code: COUNTRY_CODES,
  region: REGIONS,
  state_province: REGIONS,
  currency: CURRENCIES,
  curr_cd: CURRENCIES,
  from_ccy: CURRENCIES,
  to_ccy: CURRENCIES,
  specialty: ['Cardiology', 'Oncology', 'Paediatrics', 'Neurology', 'Orthopaedics', 'Emergency Medicine', 'Internal Medicine', 'Radiology', 'Geriatrics', 'Obstetrics', 'Haematology', 'Nephrology'],
  method: ['card', 'PayPal', 'bank transfer', 'cash on delivery', 'gift card', 'Klarna'],
  channel: ['web', 'mobile app', 'store', 'phone', 'marketplace'],
  loyalty_tier: ['bronze', 'silver', 'gold', 'platinum'],
  sex: ['F', 'M', 'X'],
  gndr: ['F', 'M', 'X'],
  mrtl_sts: ['single', 'married', 'divorced', 'widowed'],
  ft_pt: ['FT', 'PT'],
  perf_rtng: ['exceeds', 'meets', 'below'],
  size_label: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  colour: ['black', 'white', 'red', 'blue', 'green', 'grey', 'navy', 'beige'],
  reason_code: ['damaged', 'wrong size', 'not as described', 'changed mind', 'arrived late'],
  priority: ['low', 'medium', 'high', 'urgent'],
  uom: ['kg', 'g', 'l', 'each'],
  unit: ['mmol/L', 'mg/dL', 'g/L', 'U/L', '10^9/L', '%']
}

/** Values of a column of a core table, or none for columns a sampler would skip. */
export function columnValues(table: string, column: string): string[] | undefined {
  return BY_TABLE_COLUMN[`${table}.${column}`] ?? BY_COLUMN[column]
}
